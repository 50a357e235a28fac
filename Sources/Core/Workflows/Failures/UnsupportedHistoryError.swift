/// History holds an event this engine does not handle yet (child workflows,
/// markers, updates, …): the workflow task fails with a message naming it
/// rather than the run guessing.
struct UnsupportedHistoryError: Error, Sendable, Equatable, CustomStringConvertible {
  var eventID: Int64
  var eventType: String

  var description: String {
    "history event \(self.eventID) is \(self.eventType), which Gaffer's workflow engine does not support yet"
  }
}
