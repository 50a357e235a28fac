/// An activity a workflow awaited did not complete: it failed (after the
/// server's retries), timed out, or was cancelled. The reason is `cause`:
/// an `ApplicationError` the activity threw, a `TimeoutError`, or a
/// `CancelledError`.
public struct ActivityError: Error, Sendable, CustomStringConvertible {
  /// "Activity task failed", "Activity task timed out" or "Activity cancelled".
  public var message: String
  public var activityType: String
  public var activityID: String
  public var scheduledEventID: Int64
  public var startedEventID: Int64
  /// The worker that ran the last attempt, when the server knows it.
  public var identity: String
  /// Why the server stopped retrying (e.g. "maximum attempts reached").
  public var retryState: String
  public var cause: (any Error & Sendable)?

  public init(
    _ message: String, activityType: String, activityID: String, scheduledEventID: Int64 = 0,
    startedEventID: Int64 = 0, identity: String = "", retryState: String = "", cause: (any Error & Sendable)? = nil
  ) {
    self.message = message
    self.activityType = activityType
    self.activityID = activityID
    self.scheduledEventID = scheduledEventID
    self.startedEventID = startedEventID
    self.identity = identity
    self.retryState = retryState
    self.cause = cause
  }

  /// True when the activity ended because it was cancelled.
  public var isCancellation: Bool { self.cause is CancelledError }

  public var description: String {
    let reason = self.cause.map { ": \($0)" } ?? ""
    return "\(self.message) (activity '\(self.activityType)', id \(self.activityID))\(reason)"
  }
}
