internal import Foundation
internal import SwiftProtobuf
internal import TemporalAPI

/// Turns a Swift error thrown by activity code into the Temporal `Failure`
/// the official SDKs send: an application failure whose type is the error's
/// type name (or what the error says), its message, whether it may be
/// retried, its details, and its cause chain.
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
