internal import Foundation

/// Running one activity attempt: the body, its heartbeat sender and its
/// local timeout, then exactly one report.
extension Worker {
  func execute(_ delivery: ActivityDelivery) async {
    let task = delivery.task
    let interval = HeartbeatThrottle.interval(
      heartbeatTimeout: task.info.heartbeatTimeout,
      defaultInterval: self.options.defaultHeartbeatThrottleInterval,
      maximumInterval: self.options.maxHeartbeatThrottleInterval)
    let attempt = ActivityAttempt(task: task, throttleInterval: interval, startedAt: .now, startedDate: Date())
    let cancelAtOnce = self.state.withLock { state -> Bool in
      state.attempts[task.token] = attempt
      return state.lifecycle.cancelling
    }
    // A task that arrives after the grace period is cancelled straight away.
    if cancelAtOnce { attempt.cancel(.workerShutdown, at: .now) }

    let metrics = self.metrics.activity(task.info.activityType)
    metrics.started.increment()
    self.logger.debug(
      "activity started",
      metadata: [
        "activity.type": "\(task.info.activityType)", "activity.id": "\(task.info.activityID)",
        "activity.attempt": "\(task.info.attempt)", "workflow.id": "\(task.info.workflowID)",
      ])
    let started = ContinuousClock.now
    let outcome = await self.runAttempt(attempt) {
      // A body abandoned at its deadline returned after all: only now is
      // its slot free.
      self.state.withLock { state in
        state.attempts[task.token] = nil
        state.record(
          .info,
          "\(attempt.info.activityType) \(attempt.info.activityID) returned \(Self.elapsedText(since: started)) after it started; its stuck slot is free")
      }
      delivery.permit.release()
    }
    let elapsed = ContinuousClock.now - started
    metrics.execution.recordNanoseconds(elapsed.nanoseconds)
    let abandoned: Bool
    if case .abandoned = outcome {
      abandoned = true
      self.recordAbandoned(attempt)
    } else {
      abandoned = false
      await self.report(outcome, of: attempt)
    }

    self.state.withLock { state in
      if !abandoned { state.attempts[task.token] = nil }
      state.outstanding -= 1
      state.execution.record(elapsed)
      state.drain?.remaining = state.outstanding
    }
    if !abandoned { delivery.permit.release() }
    self.checkDrained()
  }

  /// No report is owed (the server has timed the attempt out) and none is
  /// sent; the body still runs somewhere and keeps its slot.
  private func recordAbandoned(_ attempt: ActivityAttempt) {
    let info = attempt.info
    let forced = self.forced.value != nil
    self.logger.error(
      forced
        ? "activity did not return after it was cancelled; abandoned: the shutdown was forced"
        : "activity did not return after it was cancelled; abandoned at its deadline, its slot stays taken until it returns",
      metadata: [
        "activity.type": "\(info.activityType)", "activity.id": "\(info.activityID)",
        "reason": "\(attempt.cancellation.value.map { "\($0)" } ?? "none")",
      ])
    // Marked under the worker's lock with the count and the event, so a
    // snapshot that shows the slot abandoned also shows why.
    self.state.withLock { state in
      attempt.markAbandoned(at: .now)
      state.counters.abandoned += 1
      state.record(
        .error,
        "\(info.activityType) \(info.activityID) ignored its cancellation: abandoned \(forced ? "(shutdown forced)" : "at its deadline"); slot stuck")
    }
  }

  private static func elapsedText(since start: ContinuousClock.Instant) -> String {
    String(format: "%.0f s", (ContinuousClock.now - start).seconds)
  }

  private func runAttempt(
    _ attempt: ActivityAttempt, onLateReturn: @escaping @Sendable () -> Void
  ) async -> ActivityOutcome {
    let type = attempt.info.activityType
    guard let activity = self.activities[type] else {
      let known = self.activityNames.map { "'\($0)'" }.joined(separator: ", ")
      return .failed(
        ApplicationError(
          "Activity type '\(type)' is not registered on the worker for task queue '\(self.taskQueue)'. It has: \(known.isEmpty ? "none" : known).",
          type: "NotFoundError"))
    }
    let context = ActivityContext(
      attempt: attempt, logger: self.logger, workerShutdown: self.shutdownStarted, blockingPool: self.blockingPool)

    enum Event: Sendable {
      case finished(Result<Payload, any Error>)
      case cancelled
      case abandonDue
      case helperStopped
    }
    let input = attempt.task.input
    let run = ActivityBodyRun.start { try await activity.body(input, context) }
    let result = await withTaskGroup(of: Event.self) { group -> Result<Payload, any Error>? in
      group.addTask {
        (try? await run.result()).map(Event.finished) ?? .helperStopped
      }
      group.addTask {
        (try? await attempt.cancellation.wait()) == nil ? .helperStopped : .cancelled
      }
      group.addTask {
        await self.sendHeartbeats(of: attempt)
        return .helperStopped
      }
      group.addTask {
        await self.watchLocalTimeout(of: attempt) ? .abandonDue : .helperStopped
      }
      for await event in group {
        switch event {
        case .finished(let finished):
          group.cancelAll()
          return finished
        case .cancelled:
          // Delivers cancellation to the body as Swift task cancellation
          // (Task.sleep throws, awaits end); its result still comes here.
          run.cancel()
          // A force cancels every attempt first, so only a cancelled one
          // needs to watch for it: the hot path spawns nothing for it.
          group.addTask {
            await self.waitOutForcedShutdown() ? .abandonDue : .helperStopped
          }
        case .abandonDue:
          if run.abandon(onReturn: onLateReturn) {
            group.cancelAll()
            return nil
          }
        case .helperStopped:
          break
        }
      }
      return .failure(CancellationError())
    }

    switch result {
    case nil:
      return .abandoned
    case .success(let payload)?:
      return .completed(payload)
    case .failure(let error)?:
      if let reason = attempt.cancellation.value,
        error is CancellationError || error is ActivityCancelledError
      {
        return .cancelled(reason)
      }
      return .failed(error)
    }
  }

  /// Sends heartbeats as the throttle releases them, until the attempt
  /// ends. A cancel does not stop them (sdk-core keeps sending too): a body
  /// cleaning up after a cancel for longer than its heartbeat timeout must
  /// keep the attempt alive on the server, or the server records a
  /// heartbeat timeout instead of the cancellation the body reports. Only a
  /// NOT_FOUND (the attempt is gone) ends them early.
  private func sendHeartbeats(of attempt: ActivityAttempt) async {
    for await window in attempt.heartbeatsToSend {
      var next: ActivityAttempt.HeartbeatWindow? = window
      while let current = next, attempt.cancellation.value != .notFound {
        await self.sendHeartbeat(current.details, of: attempt)
        do {
          try await Task.sleep(until: current.windowEndsAt, clock: .continuous)
        } catch {
          return
        }
        next = attempt.heartbeatWindowEnded(at: .now)
      }
    }
  }

  func sendHeartbeat(_ details: [Payload], of attempt: ActivityAttempt) async {
    do {
      let answer = try await self.server.recordActivityHeartbeat(token: attempt.task.token, details: details)
      self.metrics.heartbeatsSent.increment()
      let now = ContinuousClock.now
      attempt.heartbeatAcknowledged(at: now)
      attempt.serverRequested(cancel: answer.cancelRequested, reset: answer.reset, paused: answer.paused, at: now)
    } catch is CancellationError {
      return
    } catch let error as ConnectionError where error.code == .notFound {
      // The attempt is gone on the server (timed out, workflow closed):
      // stop the body and report nothing.
      self.metrics.heartbeatsFailed.increment()
      attempt.cancel(.notFound, at: .now)
    } catch {
      self.metrics.heartbeatsFailed.increment()
      // The server may be away for a while; the activity goes on and the
      // next window tries again.
      self.logger.warning(
        "heartbeat not delivered",
        metadata: ["activity.id": "\(attempt.info.activityID)", "activity.type": "\(attempt.info.activityType)", "error": "\(error)"])
    }
  }

  /// Returns true `forcedShutdownBound` after a forced shutdown: a body
  /// still running then (it was cancelled with the force) is abandoned, so
  /// a body that ignores cancellation can't hold the process for as long as
  /// its deadline. False if the wait itself is cancelled.
  func waitOutForcedShutdown() async -> Bool {
    do {
      _ = try await self.forced.wait()
      try await Task.sleep(for: Self.forcedShutdownBound)
      return true
    } catch {
      return false
    }
  }

  /// The server times an attempt out by itself; this local timer (its
  /// timeout plus 5 s, as sdk-core does) stops a body the server has
  /// already given up on, so it does not hold a slot forever. Returns true
  /// when the body should be abandoned: it was cancelled and still runs at
  /// that point (given 5 s more if the timeout itself cancelled it).
  private func watchLocalTimeout(of attempt: ActivityAttempt) async -> Bool {
    let buffer = Duration.seconds(5)
    while true {
      var deadline: ContinuousClock.Instant?
      if let timeout = attempt.info.startToCloseTimeout { deadline = attempt.startedAt + timeout }
      if let timeout = attempt.info.heartbeatTimeout {
        let heartbeatDeadline = attempt.lastHeardAt + timeout
        deadline = min(deadline ?? heartbeatDeadline, heartbeatDeadline)
      }
      guard let deadline else { return false }
      let fireAt = deadline + buffer
      if ContinuousClock.now >= fireAt {
        if attempt.cancel(.timedOut, at: .now) {
          self.logger.warning(
            "activity outlived its timeout; cancelled locally",
            metadata: ["activity.id": "\(attempt.info.activityID)", "activity.type": "\(attempt.info.activityType)"])
          do {
            try await Task.sleep(for: buffer)
          } catch {
            return false
          }
        }
        return true
      }
      do {
        try await Task.sleep(until: fireAt, clock: .continuous)
      } catch {
        return false
      }
    }
  }
}
