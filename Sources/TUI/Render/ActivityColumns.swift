/// Column widths of the in-flight table at a given screen width: fixed
/// columns for numbers, the rest shared by the text columns with caps, and
/// whatever is left going to heartbeat details.
struct ActivityColumns {
  let type: Int
  let activityID: Int
  let workflowID: Int
  let attempt = 3
  let elapsed = 11
  let health = 10
  let age = 6
  let details: Int

  init(width: Int) {
    let fixed = 1 + self.attempt + self.elapsed + self.health + self.age + 8  // margins and gaps
    var flexible = max(width - fixed, 20)
    // Details get at least a sixth; the ids and type share the rest 3:2:3.
    let minimumDetails = max(flexible / 6, 6)
    flexible -= minimumDetails
    self.type = min(flexible * 3 / 8, 28)
    self.activityID = min(flexible * 2 / 8, 24)
    self.workflowID = min(flexible * 3 / 8, 36)
    self.details = max(width - fixed - self.type - self.activityID - self.workflowID, minimumDetails)
  }

  /// Start column of each column, in display order.
  var starts: [Int] {
    var column = 1
    var result: [Int] = []
    for width in [self.type, self.activityID, self.workflowID, self.attempt, self.elapsed, self.health, self.age, self.details] {
      result.append(column)
      column += width + 1
    }
    return result
  }
}
