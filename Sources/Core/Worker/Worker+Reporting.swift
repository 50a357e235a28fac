internal import Foundation
internal import TemporalAPI

/// Reporting an attempt's outcome: exactly one of completed, failed or
/// cancelled, retried through transient errors until the attempt's own
/// deadline, or deliberately none when the server no longer wants one.
extension Worker {
  static let reportBackoff = RetryBackoff(initial: .milliseconds(200), multiplier: 2, maximum: .seconds(5), jitter: 0.2)

  func report(_ outcome: ActivityOutcome, of attempt: ActivityAttempt) async {
    let info = attempt.info
    var outcome = outcome
    if case .completed(let payload) = outcome, let error = self.oversizedResult(payload, of: info) {
      outcome = .failed(error)
    }
    var kind: OutcomeKind
    let delivered: ReportResult

    switch outcome {
    case .completed(let payload):
      _ = attempt.finish(.completed)
      kind = .completed
      delivered = await self.deliver("RespondActivityTaskCompleted", for: attempt) {
        try await self.server.completeActivityTask(token: attempt.task.token, result: payload)
      }

    case .failed(let error):
      // The pending details travel in the failure report itself
      // (last_heartbeat_details), so no separate flush is sent.
      _ = attempt.finish(.failed)
      kind = .failed
      delivered = await self.reportFailure(FailureConverter.failure(for: error), of: attempt)
      self.logger.info(
        "activity failed",
        metadata: ["activity.type": "\(info.activityType)", "activity.id": "\(info.activityID)", "error": "\(error)"])

    case .cancelled(let reason):
      let pending = attempt.finish(.cancelled)
      switch reason {
      case .cancelRequested:
        // Only the server's own request sets this reason, so the server
        // accepts RespondActivityTaskCanceled for it.
        kind = .cancelled
        if let pending { await self.sendHeartbeat(pending, of: attempt) }
        delivered = await self.deliver("RespondActivityTaskCanceled", for: attempt) {
          try await self.server.cancelActivityTask(token: attempt.task.token, details: nil)
        }
      case .workerShutdown:
        // The server accepts "cancelled" only after it asked for a cancel; a
        // shutdown is a retryable failure so another worker takes it at once.
        kind = .failed
        delivered = await self.reportFailure(FailureConverter.workerShutdown(), of: attempt)
      case .paused, .reset, .cancelledByOperator:
        kind = .failed
        let type =
          switch reason {
          case .paused: "ActivityPause"
          case .reset: "ActivityReset"
          default: "ActivityCancelledByOperator"
          }
        delivered = await self.reportFailure(
          FailureConverter.failure(for: ApplicationError("Activity was cancelled: \(reason)", type: type)), of: attempt)
      case .notFound, .timedOut:
        kind = .dropped
        delivered = .notWanted
        self.logger.info(
          "activity ended without a report: the server no longer expects one",
          metadata: ["activity.type": "\(info.activityType)", "activity.id": "\(info.activityID)", "reason": "\(reason)"])
      }

    case .abandoned:
      // Never reported: `execute` records it instead.
      kind = .dropped
      delivered = .notWanted
    }
    // A report the server refused as NOT_FOUND changed nothing there: the
    // attempt counts as dropped, not as the outcome the body had.
    if case .notFound = delivered { kind = .dropped }
    self.recordOutcome(kind, delivered, of: attempt)
  }

  /// The server accepts a completion whose result is over the namespace's
  /// blob size limit and then fails the attempt itself ("Complete result
  /// exceeds size limit."); saying so here gives the author a clear reason
  /// and keeps the worker's counts equal to the server's.
  private func oversizedResult(_ payload: Payload, of info: ActivityInfo) -> ApplicationError? {
    guard let limit = self.server.namespaceInfo.blobSizeLimit, payload.data.count > limit / 2 else { return nil }
    let size = ((try? [payload].proto.serializedBytes() as [UInt8]) ?? []).count
    guard size > limit else { return nil }
    return ApplicationError(
      "Activity '\(info.activityType)' returned \(size) bytes; namespace '\(self.server.namespace)' accepts results up to \(limit) bytes. Return a reference to the data (a storage key, a URL) instead.",
      type: "ResultTooLarge", nonRetryable: true)
  }

  private func reportFailure(_ failure: Temporal_Api_Failure_V1_Failure, of attempt: ActivityAttempt) async -> ReportResult {
    await self.deliver("RespondActivityTaskFailed", for: attempt) {
      try await self.server.failActivityTask(
        token: attempt.task.token, failure: failure, lastHeartbeatDetails: attempt.lastHeartbeatDetails)
    }
  }

  enum OutcomeKind { case completed, failed, cancelled, dropped }

  enum ReportResult {
    case delivered
    /// The server no longer knows the attempt: nothing to report to.
    case notFound
    /// No report was due (the server already closed the attempt).
    case notWanted
    /// Retries ran out: the attempt's deadline came, or a forced shutdown's bound.
    case abandoned(any Error, forced: Bool)
  }

  /// Makes the report call, retrying transient failures (server away,
  /// overloaded, slow) with capped backoff for as long as the server could
  /// still accept the report: until the attempt's deadline, or a minute for
  /// attempts without one — but no more than `forcedShutdownBound` once the
  /// shutdown is forced. The calls themselves are made without the
  /// connection's retries so that every wait here ends as soon as the
  /// server answers again.
  private func deliver(
    _ rpc: String,
    for attempt: ActivityAttempt,
    _ call: () async throws -> Void
  ) async -> ReportResult {
    let clock = ContinuousClock()
    let deadline: ContinuousClock.Instant = {
      let fallback = clock.now + .seconds(60)
      guard let date = attempt.info.deadline else { return fallback }
      return max(fallback, clock.now + .seconds(date.timeIntervalSinceNow))
    }()
    var retry = 1
    while true {
      do {
        try await call()
        return .delivered
      } catch let error as ConnectionError where error.code == .notFound {
        return .notFound
      } catch let error as ConnectionError where error.isTransient {
        let forcedAt = self.forced.value
        let limit = forcedAt.map { min(deadline, $0 + Self.forcedShutdownBound) } ?? deadline
        let delay = min(Self.reportBackoff.delay(beforeRetry: retry), max(.zero, limit - clock.now))
        guard clock.now + delay < limit else { return .abandoned(error, forced: forcedAt != nil) }
        self.logger.debug("\(rpc) will be retried", metadata: ["error": "\(error)", "retry": "\(retry)"])
        do {
          try await self.waitBeforeReportRetry(delay, forced: forcedAt != nil)
        } catch {
          return .abandoned(error, forced: forcedAt != nil)
        }
        retry += 1
      } catch {
        return .abandoned(error, forced: false)
      }
    }
  }

  /// The backoff before a report's next try: it ends early when the server
  /// answers again, and when the shutdown is forced (so the retry loop
  /// re-reads its bound at once).
  private func waitBeforeReportRetry(_ delay: Duration, forced: Bool) async throws {
    if forced {
      try await self.server.waitForServer(upTo: delay)
      return
    }
    try await withThrowingTaskGroup(of: Void.self) { race in
      race.addTask { try await self.server.waitForServer(upTo: delay) }
      race.addTask { _ = try await self.forced.wait() }
      defer { race.cancelAll() }
      try await race.next()
    }
  }

  private func recordOutcome(_ kind: OutcomeKind, _ result: ReportResult, of attempt: ActivityAttempt) {
    let info = attempt.info
    switch result {
    case .notFound:
      self.logger.info(
        "report not needed: the server no longer knows this attempt",
        metadata: ["activity.type": "\(info.activityType)", "activity.id": "\(info.activityID)"])
    case .abandoned(let error, let forced):
      self.logger.error(
        forced
          ? "shutdown forced: report given up; the server will time this attempt out"
          : "report abandoned after retries; the server will time this attempt out",
        metadata: [
          "activity.type": "\(info.activityType)", "activity.id": "\(info.activityID)",
          "activity.attempt": "\(info.attempt)", "error": "\(error)",
        ])
    case .delivered, .notWanted:
      break
    }
    let metrics = self.metrics.activity(info.activityType)
    switch kind {
    case .completed: metrics.completed.increment()
    case .failed: metrics.failed.increment()
    case .cancelled: metrics.cancelled.increment()
    case .dropped: break
    }
    self.state.withLock { state in
      let now = Date()
      let typeKey = state.counters.key(for: info.activityType, registered: self.activities[info.activityType] != nil)
      var perType = state.counters.byType[typeKey] ?? ActivityCounters.PerType()
      switch kind {
      case .completed:
        state.counters.completed += 1
        perType.completed += 1
        state.throughput.record(completed: true, at: now)
      case .failed:
        state.counters.failed += 1
        perType.failed += 1
        state.throughput.record(completed: false, at: now)
      case .cancelled:
        state.counters.cancelled += 1
        perType.cancelled += 1
      case .dropped:
        state.counters.dropped += 1
      }
      state.counters.byType[typeKey] = perType
      switch result {
      case .notFound:
        state.record(.warning, "\(info.activityType) \(info.activityID): server no longer knows the attempt; report skipped")
      case .abandoned(let error, let forced):
        state.counters.reportsAbandoned += 1
        state.record(
          .error, "\(info.activityType) \(info.activityID): report \(forced ? "given up (shutdown forced)" : "abandoned"): \(error)")
      case .delivered, .notWanted:
        break
      }
    }
  }
}
