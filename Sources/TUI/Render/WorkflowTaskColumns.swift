/// Column widths of the workflow panel's two lists at a given screen width.
/// Both start with type and workflow id, so the lists line up; in-flight
/// tasks then show attempt, elapsed and whether the run was cached, and
/// failures how long ago, what kind and the message, which gets the rest.
struct WorkflowTaskColumns {
  let type: Int
  let workflowID: Int
  let attempt = 3
  let elapsed = 8
  let cache = 5
  /// Under attempt and elapsed together.
  var age: Int { self.attempt + 1 + self.elapsed }
  let kind = 14
  let message: Int

  init(width: Int) {
    self.type = min(max(width / 6, 16), 28)
    self.workflowID = min(max(width / 5, 16), 36)
    let before = 1 + self.type + 1 + self.workflowID + 1 + (self.attempt + 1 + self.elapsed) + 1 + self.kind + 1
    self.message = max(width - before - 1, 10)
  }

  /// Start columns: type, workflow id, attempt, elapsed, cache.
  var inFlightStarts: [Int] {
    let id = 1 + self.type + 1
    let attempt = id + self.workflowID + 1
    let elapsed = attempt + self.attempt + 1
    return [1, id, attempt, elapsed, elapsed + self.elapsed + 1]
  }

  /// Start columns: type, workflow id, age, kind, message.
  var failureStarts: [Int] {
    let id = 1 + self.type + 1
    let age = id + self.workflowID + 1
    let kind = age + self.age + 1
    return [1, id, age, kind, kind + self.kind + 1]
  }
}
