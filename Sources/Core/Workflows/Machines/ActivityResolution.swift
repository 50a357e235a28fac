internal import TemporalAPI

/// How an activity a workflow scheduled ended, as its code sees it: a
/// result, or a failure already wrapped the way the official SDKs wrap it
/// ("Activity task failed" with the activity's identity and the attempt's
/// failure as the cause).
enum ActivityResolution: Sendable, Equatable {
  case completed(Payload?)
  case failed(Temporal_Api_Failure_V1_Failure)
}
