internal import Foundation
internal import SwiftProtobuf
internal import TemporalAPI

/// Turns a Swift error thrown by activity or workflow code into the Temporal
/// `Failure` the official SDKs send: an application failure whose type is
/// the error's type name (or what the error says), its message, whether it
/// may be retried, its details, and its cause chain; the errors workflow
/// code receives (`ActivityError`, `TimeoutError`, `CancelledError`) keep
/// their own kind, so rethrowing one passes it on unchanged.
enum FailureConverter {
  /// Written to `Failure.source`, so a failure in history says which SDK made it.
  static let source = "GafferSwift"

  /// A cause chain deeper than this is cut, so a cyclic or runaway chain
  /// cannot blow up the report.
  static let maximumCauseDepth = 20

  static func failure(for error: any Error) -> Temporal_Api_Failure_V1_Failure {
    Self.failure(for: error, depth: 0)
  }

  private static func failure(for error: any Error, depth: Int) -> Temporal_Api_Failure_V1_Failure {
    var failure = Temporal_Api_Failure_V1_Failure()
    failure.source = Self.source
    var info = Temporal_Api_Failure_V1_ApplicationFailureInfo()
    var cause: (any Error)?

    switch error {
    case let error as ActivityError:
      failure.message = error.message
      var activity = Temporal_Api_Failure_V1_ActivityFailureInfo()
      activity.activityType.name = error.activityType
      activity.activityID = error.activityID
      activity.scheduledEventID = error.scheduledEventID
      activity.startedEventID = error.startedEventID
      activity.identity = error.identity
      failure.activityFailureInfo = activity
      return Self.chained(failure, cause: error.cause, depth: depth)
    case let error as TimeoutError:
      failure.message = error.message
      var timeout = Temporal_Api_Failure_V1_TimeoutFailureInfo()
      timeout.timeoutType = Self.timeoutType(error.kind)
      if !error.lastHeartbeatDetails.isEmpty { timeout.lastHeartbeatDetails = error.lastHeartbeatDetails.proto }
      failure.timeoutFailureInfo = timeout
      return Self.chained(failure, cause: error.cause, depth: depth)
    case let error as CancelledError:
      failure.message = error.message
      var cancelled = Temporal_Api_Failure_V1_CanceledFailureInfo()
      if !error.details.isEmpty { cancelled.details = error.details.proto }
      failure.canceledFailureInfo = cancelled
      return failure
    case let error as ApplicationError:
      failure.message = error.message
      info.type = error.type
      info.nonRetryable = error.isNonRetryable
      if !error.details.isEmpty { info.details = error.details.proto }
      if let delay = error.nextRetryDelay { info.nextRetryDelay = Google_Protobuf_Duration(delay) }
      cause = error.cause
    case let error as any ActivityFailureConvertible:
      failure.message = Self.message(of: error)
      info.type = error.failureType
      info.nonRetryable = error.isNonRetryable
    default:
      failure.message = Self.message(of: error)
      info.type = String(describing: type(of: error))
    }
    failure.applicationFailureInfo = info
    return Self.chained(failure, cause: cause, depth: depth)
  }

  private static func chained(
    _ failure: Temporal_Api_Failure_V1_Failure, cause: (any Error)?, depth: Int
  ) -> Temporal_Api_Failure_V1_Failure {
    var failure = failure
    if let cause, depth < Self.maximumCauseDepth {
      failure.cause = Self.failure(for: cause, depth: depth + 1)
    }
    return failure
  }

  /// The failure of an attempt stopped by worker shutdown: retryable, so the
  /// server runs it again elsewhere at once instead of waiting for a timeout.
  static func workerShutdown() -> Temporal_Api_Failure_V1_Failure {
    Self.failure(
      for: ApplicationError(
        "Worker is shutting down and this activity did not complete in time", type: "WorkerShutdown"))
  }

  private static func message(of error: any Error) -> String {
    if let localized = error as? any LocalizedError, let description = localized.errorDescription {
      return description
    }
    return String(describing: error)
  }
}
