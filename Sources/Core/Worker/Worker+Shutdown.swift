internal import Foundation
internal import TemporalAPI

/// Graceful shutdown, in the order the official SDKs use: stop polling and
/// tell the server (ShutdownWorker), let running activities finish within
/// the grace period, cancel the rest with reason worker-shutdown, wait for
/// every report, return from `run()`.
extension Worker {
  func beginDrain() {
    let cancelPolls = !self.server.namespaceInfo.capabilities.workerPollCompleteOnShutdown
    let (inFlight, waiters) = self.state.withLock { state in
      let now = Date()
      state.drain = DrainProgress(
        phase: .waitingForActivities,
        startedAt: now,
        deadline: now.addingTimeInterval(self.options.gracefulShutdownTimeout.seconds),
        inFlightAtStart: state.outstanding,
        remaining: state.outstanding)
      state.record(
        .info,
        "graceful shutdown: polling stopped, \(state.outstanding) activities in flight, grace \(self.options.gracefulShutdownTimeout)")
      return (state.outstanding, state.takeWaiters())
    }
    self.logger.info(
      "graceful shutdown: stopped polling; waiting on \(inFlight) activities",
      metadata: ["activities.in_flight": "\(inFlight)", "shutdown.grace": "\(self.options.gracefulShutdownTimeout)"])
    if cancelPolls {
      self.logger.notice(
        "the server does not end open polls on ShutdownWorker; cancelling them, so a task it is handing over right now waits out its start-to-close timeout (set frontend.enableCancelWorkerPollsOnShutdown=true on the server)")
    }
    self.shutdownStarted.fire(())
    // Workflow tasks in flight finish; their pollers stop like these.
    self.workflowTasks?.stop()
    // Parked pollers wake, see the shutdown and leave.
    for wake in waiters { wake() }
    // Without the server's poll-complete-on-shutdown capability, an open long
    // poll would hold the drain for up to a minute, so it is cancelled as
    // sdk-core does; a task a poll still returns is run like any other.
    self.pollerControlSink.yield(.stop(cancelPolls: cancelPolls))
    self.checkDrained()
  }

  func cancelRunningActivities() {
    let attempts = self.state.withLock { state in
      state.drain?.phase = .cancelling
      state.record(.warning, "cancelling \(state.attempts.count) running activities: worker shutdown")
      return Array(state.attempts.values)
    }
    self.logger.warning(
      "graceful shutdown: cancelling \(attempts.count) running activities (reason: worker shutdown)",
      metadata: ["activities.count": "\(attempts.count)"])
    self.cancelRemaining.fire(())
    // Nothing a poll could still bring would get to run.
    self.pollerControlSink.yield(.cancelOpenPolls)
    let now = ContinuousClock.now
    for attempt in attempts { attempt.cancel(.workerShutdown, at: now) }
  }

  /// How long a forced shutdown gives whatever is left: a report still
  /// being retried, a body that ignores its cancellation.
  static let forcedShutdownBound = Duration.seconds(3)

  /// A forced shutdown: cancel what still runs (if the grace period has not
  /// done so already) and give everything left `forcedShutdownBound`.
  func forceRemaining() {
    let alreadyCancelling = self.cancelRemaining.value != nil
    self.forced.fire(.now)
    self.logger.warning(
      "shutdown forced: reports and bodies still running get \(Self.forcedShutdownBound); what is not done then is given up and logged")
    self.state.withLock { $0.record(.warning, "shutdown forced: what is left gets \(Self.forcedShutdownBound)") }
    if !alreadyCancelling { self.cancelRunningActivities() }
  }

  /// Runs for the worker's whole life: waits for shutdown to begin, tells
  /// the server, and ends the grace period when it runs out.
  func superviseShutdown() async {
    do {
      try await self.shutdownStarted.wait()
    } catch {
      return
    }
    await withDiscardingTaskGroup { group in
      group.addTask {
        let accepted = await self.callShutdownWorker()
        await self.endOpenPolls(serverWillEndThem: accepted)
      }
      enum End { case graceOver, forced, drained, stopped }
      let end = await withTaskGroup(of: End.self) { race in
        race.addTask {
          do {
            try await Task.sleep(for: self.options.gracefulShutdownTimeout)
            return .graceOver
          } catch {
            return .stopped
          }
        }
        race.addTask { (try? await self.cancelRemaining.wait()) == nil ? .stopped : .forced }
        race.addTask { (try? await self.drained.wait()) == nil ? .stopped : .drained }
        race.addTask {
          await self.logDrainProgress()
          return .stopped
        }
        let first = await race.next() ?? .stopped
        race.cancelAll()
        return first
      }
      if end == .graceOver {
        self.logger.warning("graceful shutdown: grace period of \(self.options.gracefulShutdownTimeout) over")
        self.perform(self.state.withLock { $0.lifecycle.gracePeriodEnded() })
      }
    }
  }

  /// Every few seconds of the grace period, one line for the deploy log:
  /// how many activities are still running and when the grace period ends.
  private func logDrainProgress() async {
    while true {
      do {
        try await Task.sleep(for: .seconds(5))
      } catch {
        return
      }
      guard let drain = self.state.withLock({ $0.drain }), drain.remaining > 0 else { continue }
      let left = max(0, Int(drain.deadline.timeIntervalSinceNow.rounded()))
      self.logger.info(
        "graceful shutdown: waiting on \(drain.remaining) activities; grace ends in \(left) s",
        metadata: ["activities.in_flight": "\(drain.remaining)"])
    }
  }

  /// With the server's poll-complete-on-shutdown capability the open polls
  /// are left for the server to answer empty after ShutdownWorker. If that
  /// call failed, or the polls are still open a few seconds later, they are
  /// cancelled so that they cannot hold the drain for a whole poll timeout.
  private func endOpenPolls(serverWillEndThem accepted: Bool) async {
    guard self.server.namespaceInfo.capabilities.workerPollCompleteOnShutdown else { return }
    if accepted {
      let ended = await withTaskGroup(of: Bool.self) { race in
        race.addTask { (try? await self.pollingStopped.wait()) != nil }
        race.addTask {
          try? await Task.sleep(for: Self.serverPollCompletionWait)
          return false
        }
        let first = await race.next() ?? false
        race.cancelAll()
        return first
      }
      if ended { return }
      self.logger.warning("open polls outlived ShutdownWorker by \(Self.serverPollCompletionWait); cancelling them")
    }
    self.pollerControlSink.yield(.cancelOpenPolls)
  }

  static let serverPollCompletionWait = Duration.seconds(5)

  /// ShutdownWorker, once, without retries (like sdk-core): the server stops
  /// routing to this worker. Failures are logged; the drain goes on.
  /// Returns whether the server accepted it.
  ///
  /// A forced shutdown cuts the call off after `forcedShutdownBound`, so a
  /// frozen server can't hold the exit for the call's whole deadline.
  private func callShutdownWorker() async -> Bool {
    enum End: Sendable { case answered(Bool), forced }
    let end = await withTaskGroup(of: End?.self) { race -> End in
      race.addTask { .answered(await self.sendShutdownWorker()) }
      race.addTask { await self.waitOutForcedShutdown() ? .forced : nil }
      defer { race.cancelAll() }
      while let next = await race.next() {
        if let next { return next }
      }
      return .answered(false)
    }
    switch end {
    case .answered(let accepted):
      return accepted
    case .forced:
      self.logger.warning("shutdown forced: ShutdownWorker got no answer; not waiting for it")
      return false
    }
  }

  private func sendShutdownWorker() async -> Bool {
    let notice = WorkerShutdownNotice(
      taskQueue: self.taskQueue, workerInstanceKey: self.workerInstanceKey,
      taskQueueTypes: self.workflowTasks == nil ? [.activity] : [.activity, .workflow],
      stickyQueue: self.workflowTasks?.stickyQueue, finalHeartbeat: self.finalWorkerHeartbeat())
    do {
      try await self.server.shutdownWorker(notice)
      self.logger.debug("ShutdownWorker accepted")
      return true
    } catch is CancellationError {
      return false
    } catch {
      self.logger.warning("ShutdownWorker failed; draining anyway", metadata: ["error": "\(error)"])
      self.state.withLock { $0.record(.warning, "ShutdownWorker failed: \(error)") }
      return false
    }
  }

  func pollingEnded() {
    self.state.withLock { state in
      state.pollingFinished = true
      state.pollers = [:]
    }
    self.pollingStopped.fire(())
    self.checkDrained()
  }

  /// Runs the workflow side until it has stopped; once a forced shutdown's
  /// bound has passed, cancels what it still has in flight (a completion a
  /// frozen server never answers), so the force bounds workflow tasks too.
  func runWorkflowTasks(_ workflowTasks: WorkflowTaskWorker) async {
    enum End { case stopped, forcedBoundOver }
    await withTaskGroup(of: End.self) { race in
      race.addTask {
        // Its options carry the eager limit (0: none asked for).
        await workflowTasks.run(eagerActivities: self)
        return .stopped
      }
      race.addTask {
        guard let forcedAt = try? await self.forced.wait(),
          (try? await Task.sleep(until: forcedAt + Self.forcedShutdownBound)) != nil
        else { return .stopped }
        return .forcedBoundOver
      }
      if await race.next() == .forcedBoundOver {
        let left = workflowTasks.state.withLock { $0.inFlight.count }
        self.logger.warning(
          "shutdown forced: giving up \(left) workflow tasks still running or reporting after \(Self.forcedShutdownBound); the server retries them",
          metadata: ["workflow_tasks.in_flight": "\(left)"])
        self.state.withLock { $0.record(.warning, "shutdown forced: \(left) workflow tasks given up") }
      }
      race.cancelAll()
    }
  }

  /// The workflow side has stopped: its completions bring no more eager
  /// activities.
  func workflowTasksEnded() {
    self.state.withLock { $0.workflowTasksFinished = true }
    self.checkDrained()
  }

  func checkDrained() {
    if self.state.withLock({ $0.isDrained }) { self.drained.fire(()) }
  }
}
