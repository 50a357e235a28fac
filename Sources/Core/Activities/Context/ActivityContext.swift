internal import Foundation
public import Logging

/// What a running activity body can see and do: its info, heartbeats, the
/// previous attempt's heartbeat details, cancellation, and the worker's
/// shutdown notice. Safe to use from any thread, including blocking bodies.
public final class ActivityContext: Sendable {
  public let info: ActivityInfo
  /// Carries the activity's type, id, attempt and workflow in its metadata.
  public let logger: Logger

  let attempt: ActivityAttempt
  let workerShutdown: OnceSignal<Void>
  let blockingPool: BlockingActivityPool
  let converter: PayloadConverter

  init(
    attempt: ActivityAttempt, logger: Logger, workerShutdown: OnceSignal<Void>, blockingPool: BlockingActivityPool,
    converter: PayloadConverter = .default
  ) {
    self.info = attempt.info
    self.attempt = attempt
    self.workerShutdown = workerShutdown
    self.blockingPool = blockingPool
    self.converter = converter
    var logger = logger
    logger[metadataKey: "activity.type"] = "\(attempt.info.activityType)"
    logger[metadataKey: "activity.id"] = "\(attempt.info.activityID)"
    logger[metadataKey: "activity.attempt"] = "\(attempt.info.attempt)"
    logger[metadataKey: "workflow.id"] = "\(attempt.info.workflowID)"
    logger[metadataKey: "workflow.run_id"] = "\(attempt.info.workflowRunID)"
    self.logger = logger
  }

  // MARK: Heartbeats

  /// Tells the server the activity is alive, with details a later attempt
  /// can resume from. Cheap to call often: heartbeats are throttled (the
  /// first goes out at once, later ones at most once per window, latest
  /// details winning). Cancellation requested by the server arrives in the
  /// heartbeat's response.
  public func heartbeat<each Detail: Encodable>(_ details: repeat each Detail) {
    var payloads: [Payload] = []
    do {
      for detail in repeat each details {
        payloads.append(try self.converter.payload(for: detail))
      }
    } catch {
      self.logger.error("heartbeat details can't be encoded; heartbeat sent without them", metadata: ["error": "\(error)"])
      payloads = []
    }
    self.attempt.heartbeatRecorded(payloads, at: .now)
  }

  /// The details the previous attempt last heartbeated, as payloads.
  public var previousHeartbeatPayloads: [Payload] { self.attempt.task.heartbeatDetails }

  /// The previous attempt's heartbeat detail at `index`, decoded; nil when
  /// there was no previous heartbeat (first attempt, or it never heartbeated).
  public func previousHeartbeatDetails<Value: Decodable>(
    as type: Value.Type = Value.self, at index: Int = 0
  ) throws(PayloadConversionError) -> Value? {
    let payloads = self.attempt.task.heartbeatDetails
    guard payloads.indices.contains(index) else { return nil }
    return try self.converter.value(Value.self, from: payloads[index])
  }

  // MARK: Cancellation

  /// Why the attempt was cancelled, or nil while it may go on.
  public var cancellationReason: ActivityCancellationReason? { self.attempt.cancellation.value }

  public var isCancelled: Bool { self.cancellationReason != nil }

  /// Throws `ActivityCancelledError` once the attempt is cancelled.
  public func checkCancellation() throws(ActivityCancelledError) {
    if let reason = self.cancellationReason { throw ActivityCancelledError(reason: reason) }
  }

  /// Waits until the attempt is cancelled and returns why. Throws
  /// `CancellationError` only if the waiting task itself is cancelled first.
  public func waitForCancellation() async throws -> ActivityCancellationReason {
    try await self.attempt.cancellation.wait()
  }

  // MARK: Worker shutdown

  /// True once the worker has begun shutting down, before any cancellation:
  /// a chance to finish early or save progress in a heartbeat.
  public var isWorkerShuttingDown: Bool { self.workerShutdown.value != nil }

  /// Returns when the worker begins shutting down.
  public func waitForWorkerShutdown() async throws {
    try await self.workerShutdown.wait()
  }
}
