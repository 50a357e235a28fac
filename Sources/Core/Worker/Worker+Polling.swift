internal import Foundation

/// The activity pollers. Each one takes a slot permit *before* it long
/// polls and hands task and permit on together, so the worker never holds a
/// task it has no room for, and a permit is released exactly once.
///
/// Pausing stops new polls only: a poll already open on the server runs to
/// its end and a task it returns runs normally. Cancelling an open poll
/// could lose a task the server had just matched to it (the attempt would
/// then wait out its start-to-close timeout), and server 1.32 has no call
/// that ends one worker's polls safely without also shutting it down
/// (ShutdownWorker with poll completion). So a pause takes full effect when
/// the open polls return: at once if work arrives, at most `pollTimeout`
/// otherwise; the snapshot shows how many are still open.
extension Worker {
  static let pollBackoff = RetryBackoff(initial: .milliseconds(200), multiplier: 2, maximum: .seconds(10), jitter: 0.2)
  static let pollBackoffResourceExhausted = RetryBackoff(
    initial: .seconds(1), multiplier: 2, maximum: .seconds(10), jitter: 0.2)

  /// Runs the configured number of pollers, starting more when the count
  /// grows, until shutdown. Returns when every poller has stopped.
  func runPollers() async {
    await withDiscardingTaskGroup { group in
      for index in self.claimMissingPollers() {
        group.addTask { await self.pollLoop(index: index) }
      }
      var stopping = false
      controls: for await control in self.pollerControl {
        switch control {
        case .pollersChanged:
          for index in self.claimMissingPollers() {
            group.addTask { await self.pollLoop(index: index) }
          }
        case .stop(let cancelPolls):
          stopping = true
          if cancelPolls {
            group.cancelAll()
            break controls
          }
          if self.state.withLock({ $0.pollers.isEmpty }) { break controls }
        case .cancelOpenPolls:
          group.cancelAll()
          break controls
        case .pollerStopped:
          // Stays to hear `.cancelOpenPolls` until the last poller is gone.
          if stopping && self.state.withLock({ $0.pollers.isEmpty }) { break controls }
        }
      }
    }
  }

  /// Marks the pollers that should run but don't as started, and returns their indices.
  private func claimMissingPollers() -> [Int] {
    self.state.withLock { state in
      guard !state.lifecycle.isShuttingDown else { return [] }
      let missing = (0..<state.configuredPollers).filter { state.pollers[$0] == nil }
      for index in missing { state.pollers[index] = .waitingForSlot }
      return missing
    }
  }

  private func pollLoop(index: Int) async {
    var failures = 0
    while await self.waitForPollingTurn(index: index) {
      self.setPoller(index, .waitingForSlot)
      let permit: SlotPermit
      do {
        permit = try await self.slots.acquire()
      } catch {
        break
      }
      // Paused, shrunk or stopped while waiting for the slot: give it back.
      guard self.mayPoll(index: index) else {
        permit.release()
        continue
      }
      if let wait = self.reserveRateLimitToken(), wait > .zero {
        self.setPoller(index, .rateLimited(until: Date().addingTimeInterval(wait.seconds)))
        do {
          try await Task.sleep(for: wait)
        } catch {
          // Stopped before using the token: hand it back with the slot.
          self.state.withLock { $0.rateLimiter?.cancelReservation() }
          permit.release()
          break
        }
      }

      self.pollStarted(index: index)
      let result: Result<ActivityTaskPollResult, any Error>
      do {
        result = .success(try await self.pollOnce())
      } catch {
        result = .failure(error)
      }
      switch result {
      case .success(let poll):
        failures = 0
        self.pollEnded(index: index, receivedTask: poll.task, scalingDelta: poll.scalingDelta)
        if let task = poll.task {
          permit.markUsed()
          // The stream is finished only after every poller has returned, so
          // a task handed over here is always run and reported.
          self.deliverySink.yield(ActivityDelivery(task: task, permit: permit))
        } else {
          permit.release()
        }
      case .failure(let error):
        permit.release()
        if error is CancellationError || Task.isCancelled {
          self.pollEnded(index: index, receivedTask: nil, scalingDelta: nil, answered: false)
          break
        }
        if let reason = Self.fatalReason(error) {
          self.pollEnded(index: index, receivedTask: nil, scalingDelta: nil, answered: false)
          self.fail(reason)
          break
        }
        failures += 1
        let delay = self.pollBackoff(after: error, failures: failures)
        self.pollFailed(index: index, error: error, retryIn: delay)
        do {
          // Ends early when the server answers again (a report, another
          // poll, the connection's probe), so an outage's grown backoff
          // does not delay the first poll after it.
          try await self.server.waitForServer(upTo: delay)
        } catch {
          break
        }
      }
    }
    let shuttingDown = self.state.withLock { state in
      state.pollers.removeValue(forKey: index)
      return state.lifecycle.isShuttingDown
    }
    if shuttingDown { self.pollerControlSink.yield(.pollerStopped) }
  }

  private func pollOnce() async throws -> ActivityTaskPollResult {
    let poll = ActivityTaskPoll(
      taskQueue: self.taskQueue, workerInstanceKey: self.workerInstanceKey,
      maxTasksPerSecond: self.options.maxTaskQueueActivitiesPerSecond, timeout: self.options.pollTimeout)
    do {
      return try await self.server.pollActivityTask(poll)
    } catch let error as ConnectionError where error.code == .deadlineExceeded {
      // The server normally answers an idle poll empty before our deadline;
      // running out of time is the same "nothing to do", not a failure.
      return ActivityTaskPollResult(task: nil, scalingDelta: nil)
    }
  }

  /// Errors no retry can fix: the worker fails instead of polling forever.
  private static func fatalReason(_ error: any Error) -> String? {
    guard let error = error as? ConnectionError else { return nil }
    switch error.code {
    case .namespaceNotFound, .unauthenticated, .permissionDenied: return error.message
    default: return nil
    }
  }

  private func pollBackoff(after error: any Error, failures: Int) -> Duration {
    let backoff =
      (error as? ConnectionError)?.code == .resourceExhausted ? Self.pollBackoffResourceExhausted : Self.pollBackoff
    return backoff.delay(beforeRetry: failures)
  }

  // MARK: Gate

  /// Waits while polling is paused. Returns false when this poller should
  /// stop: shutdown has begun, or there are now fewer pollers than its index.
  private func waitForPollingTurn(index: Int) async -> Bool {
    while true {
      if Task.isCancelled { return false }
      let id = self.state.withLock { state -> UInt64 in
        state.nextWaiter += 1
        return state.nextWaiter
      }
      enum Turn { case poll, stop, park }
      let turn: Turn = await withTaskCancellationHandler {
        await withCheckedContinuation { (continuation: CheckedContinuation<Turn, Never>) in
          let now = self.state.withLock { state -> Turn? in
            if Task.isCancelled || state.lifecycle.isShuttingDown || index >= state.configuredPollers { return .stop }
            if state.lifecycle.state == .paused {
              state.pollers[index] = .paused
              state.pollerWaiters[id] = { continuation.resume(returning: .park) }
              return nil
            }
            return .poll
          }
          if let now { continuation.resume(returning: now) }
        }
      } onCancel: {
        let waiter = self.state.withLock { $0.pollerWaiters.removeValue(forKey: id) }
        waiter?()
      }
      switch turn {
      case .poll: return true
      case .stop: return false
      case .park: continue
      }
    }
  }

  private func mayPoll(index: Int) -> Bool {
    self.state.withLock { state in
      !state.lifecycle.isShuttingDown && state.lifecycle.state != .paused && index < state.configuredPollers
    }
  }

  private func reserveRateLimitToken() -> Duration? {
    self.state.withLock { state in state.rateLimiter?.reserve(at: .now) }
  }

  // MARK: Bookkeeping

  private func setPoller(_ index: Int, _ pollerState: PollerState) {
    self.state.withLock { $0.pollers[index] = pollerState }
  }

  private func pollStarted(index: Int) {
    self.state.withLock { state in
      let now = Date()
      state.pollsInFlight += 1
      state.lastPollAt = now
      state.pollers[index] = .polling(since: now)
    }
  }

  /// `answered` is false for a poll that was cancelled or refused for good: it tells the autoscaler nothing.
  private func pollEnded(index: Int, receivedTask task: ActivityTask?, scalingDelta: Int?, answered: Bool = true) {
    let scheduleToStart = task.flatMap { self.measureScheduleToStart($0) }
    let slots = self.slots.usage
    let scaledUp = self.state.withLock { state -> Bool in
      state.pollsInFlight -= 1
      state.pollers[index] = .waitingForSlot
      guard answered else { return false }
      let outcome: PollerScaler.Outcome = task == nil ? .empty(delta: scalingDelta) : .task(delta: scalingDelta)
      let scaledUp =
        state.pollerScaler.record(outcome, at: .now, slots: (slots.maximum, slots.maximum - slots.used)) > 0
      guard let task else { return scaledUp }
      state.received(task, scheduleToStart: scheduleToStart, eager: false)
      return scaledUp
    }
    // Surplus pollers leave by themselves at their next turn; new ones
    // must be started.
    if scaledUp { self.pollerControlSink.yield(.pollersChanged) }
  }

  /// How long the attempt waited between its scheduling and its start:
  /// recorded in the metric here, returned for the snapshot's percentiles.
  func measureScheduleToStart(_ task: ActivityTask) -> Duration? {
    guard let started = task.info.startedTime, let scheduled = task.info.currentAttemptScheduledTime else { return nil }
    let waited = Duration.milliseconds(Int64(max(0, started.timeIntervalSince(scheduled)) * 1000))
    self.metrics.scheduleToStart.recordNanoseconds(waited.nanoseconds)
    return waited
  }

  private func pollFailed(index: Int, error: any Error, retryIn delay: Duration) {
    let text = (error as? ConnectionError)?.message ?? "\(error)"
    self.state.withLock { state in
      let now = Date()
      state.pollsInFlight -= 1
      state.pollerScaler.record(
        .failed(resourceExhausted: (error as? ConnectionError)?.code == .resourceExhausted), at: .now)
      state.lastError = text
      state.lastErrorAt = now
      state.pollers[index] = .backingOff(until: now.addingTimeInterval(delay.seconds), error: text)
      state.record(.warning, "poll failed, retrying in \(String(format: "%.1f", delay.seconds)) s: \(text)")
    }
    self.logger.warning("activity poll failed", metadata: ["error": "\(text)", "retry_in": "\(delay)"])
  }
}
