/// Why a running activity is being asked to stop. The first reason wins:
/// once an attempt is cancelled, later reasons do not replace it.
public enum ActivityCancellationReason: String, Hashable, Sendable, Codable, CustomStringConvertible {
  /// The workflow, or a client, requested cancellation. Reported back as
  /// cancelled (RespondActivityTaskCanceled).
  case cancelRequested = "cancel requested"
  /// An operator paused the activity (PauseActivity). Reported as a failure of
  /// type `ActivityPause`.
  case paused
  /// An operator reset the activity (ResetActivity). Reported as a failure of
  /// type `ActivityReset`.
  case reset
  /// The server no longer knows this attempt (it timed out, or the workflow
  /// closed). Nothing is reported: the task token is spent.
  case notFound = "not found"
  /// The attempt outlived its start-to-close or heartbeat timeout here too;
  /// the server has already timed it out, so nothing is reported.
  case timedOut = "timed out"
  /// The worker is shutting down and the grace period ran out. Reported as a
  /// retryable `WorkerShutdown` failure so the server retries it elsewhere at once.
  case workerShutdown = "worker shutdown"
  /// Someone cancelled this one activity from the console or a
  /// `WorkerCommand`. Reported as a retryable failure of type
  /// `ActivityCancelledByOperator`, since the server never asked for it.
  case cancelledByOperator = "cancelled by operator"

  public var description: String { self.rawValue }
}
