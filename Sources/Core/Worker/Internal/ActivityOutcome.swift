/// How an activity attempt ended, before it is reported.
enum ActivityOutcome: Sendable {
  case completed(Payload)
  case failed(any Error)
  case cancelled(ActivityCancellationReason)
  /// Cancelled, and still running at its deadline: the worker stopped
  /// waiting for it. Nothing is reported; the server has timed it out.
  case abandoned
}
