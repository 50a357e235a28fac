/// History and the workflow's code disagree: replaying produced a command
/// history does not have, or history has a command the code did not produce.
/// Fails the workflow task with NON_DETERMINISTIC_ERROR.
struct NondeterminismError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The history event where they diverge (0: none — the code produced more).
  var eventID: Int64
  var expected: String
  var produced: String

  var description: String {
    let place = self.eventID > 0 ? "at event \(self.eventID)" : "after the last event"
    return "nondeterminism \(place): history has \(self.expected), the workflow's code produced \(self.produced)"
  }
}
