internal import Foundation

/// One activity task as the poller hands it on: validated at the edge, so
/// the rest of the worker never sees the raw, optional-everything message.
struct ActivityTask: Sendable {
  var token: Data
  var info: ActivityInfo
  var input: [Payload]
  /// What the previous attempt last heartbeated.
  var heartbeatDetails: [Payload]
}
