/// Thrown by `ActivityContext.checkCancellation()` once the attempt has been
/// cancelled. Throwing it (or `CancellationError`) from the activity body ends
/// the attempt as cancelled for that reason.
public struct ActivityCancelledError: Error, Hashable, Sendable, CustomStringConvertible {
  public var reason: ActivityCancellationReason

  public init(reason: ActivityCancellationReason) {
    self.reason = reason
  }

  public var description: String { "Activity cancelled: \(self.reason)" }
}
