internal import Foundation
internal import TemporalAPI

extension FailureConverter {
  /// The Swift error a Temporal `Failure` stands for, as workflow code sees
  /// it: the inverse of `failure(for:)`, cause chain included.
  static func error(from failure: Temporal_Api_Failure_V1_Failure) -> any Error & Sendable {
    Self.error(from: failure, depth: 0)
  }

  private static func error(from failure: Temporal_Api_Failure_V1_Failure, depth: Int) -> any Error & Sendable {
    let cause: (any Error & Sendable)? =
      failure.hasCause && depth < Self.maximumCauseDepth ? Self.error(from: failure.cause, depth: depth + 1) : nil
    switch failure.failureInfo {
    case .applicationFailureInfo(let info):
      return ApplicationError(
        failure.message, type: info.type.isEmpty ? "ApplicationError" : info.type, nonRetryable: info.nonRetryable,
        details: [Payload](info.details), nextRetryDelay: info.hasNextRetryDelay ? info.nextRetryDelay.duration : nil,
        cause: cause)
    case .activityFailureInfo(let info):
      return ActivityError(
        failure.message, activityType: info.activityType.name, activityID: info.activityID,
        scheduledEventID: info.scheduledEventID, startedEventID: info.startedEventID, identity: info.identity,
        retryState: Self.describe(info.retryState), cause: cause)
    case .timeoutFailureInfo(let info):
      return TimeoutError(
        failure.message, kind: Self.kind(info.timeoutType), lastHeartbeatDetails: [Payload](info.lastHeartbeatDetails),
        cause: cause)
    case .canceledFailureInfo(let info):
      return CancelledError(failure.message, details: [Payload](info.details))
    case .terminatedFailureInfo:
      return ApplicationError(failure.message, type: "Terminated", nonRetryable: true, cause: cause)
    case .serverFailureInfo(let info):
      return ApplicationError(failure.message, type: "ServerFailure", nonRetryable: info.nonRetryable, cause: cause)
    default:
      return ApplicationError(failure.message, type: "Failure", cause: cause)
    }
  }

  static func kind(_ type: Temporal_Api_Enums_V1_TimeoutType) -> TimeoutError.Kind {
    switch type {
    case .startToClose: .startToClose
    case .scheduleToStart: .scheduleToStart
    case .scheduleToClose: .scheduleToClose
    case .heartbeat: .heartbeat
    default: .unspecified
    }
  }

  static func timeoutType(_ kind: TimeoutError.Kind) -> Temporal_Api_Enums_V1_TimeoutType {
    switch kind {
    case .startToClose: .startToClose
    case .scheduleToStart: .scheduleToStart
    case .scheduleToClose: .scheduleToClose
    case .heartbeat: .heartbeat
    case .unspecified: .unspecified
    }
  }

  /// "maximum attempts reached" for RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED.
  private static func describe(_ state: Temporal_Api_Enums_V1_RetryState) -> String {
    switch state {
    case .inProgress: "in progress"
    case .nonRetryableFailure: "non-retryable failure"
    case .timeout: "timeout"
    case .maximumAttemptsReached: "maximum attempts reached"
    case .retryPolicyNotSet: "retry policy not set"
    case .internalServerError: "internal server error"
    case .cancelRequested: "cancel requested"
    default: ""
    }
  }
}
