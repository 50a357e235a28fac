/// A timeout the server enforced: the cause of an `ActivityError` whose
/// activity ran out of one of its four timeouts.
public struct TimeoutError: Error, Sendable, CustomStringConvertible {
  public enum Kind: String, Hashable, Sendable {
    case startToClose = "start-to-close"
    case scheduleToStart = "schedule-to-start"
    case scheduleToClose = "schedule-to-close"
    case heartbeat
    case unspecified
  }

  public var message: String
  public var kind: Kind
  /// The details of the last heartbeat, if the activity sent any.
  public var lastHeartbeatDetails: [Payload]
  /// The last attempt's failure, when a retried activity then timed out.
  public var cause: (any Error & Sendable)?

  public init(
    _ message: String, kind: Kind, lastHeartbeatDetails: [Payload] = [], cause: (any Error & Sendable)? = nil
  ) {
    self.message = message
    self.kind = kind
    self.lastHeartbeatDetails = lastHeartbeatDetails
    self.cause = cause
  }

  public var description: String { "\(self.kind.rawValue) timeout: \(self.message)" }
}
