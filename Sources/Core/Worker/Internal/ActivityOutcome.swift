/// How an activity attempt ended, before it is reported.
enum ActivityOutcome: Sendable {
  case completed(Payload)
  case failed(any Error)
  case cancelled(ActivityCancellationReason)
}
