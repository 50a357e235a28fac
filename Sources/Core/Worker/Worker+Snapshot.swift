internal import Foundation

extension Worker {
  /// What the worker is doing now. Cheap: it copies counters under the
  /// worker's lock and reads each in-flight activity under its own.
  public func snapshot() -> WorkerSnapshot {
    let now = ContinuousClock.now
    let nowDate = Date()
    let state = self.state.withLock { $0 }
    let slots = self.slots.usage
    let activities = state.attempts.values
      .map { $0.snapshot(now: now, nowDate: nowDate) }
      .sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
    let pollerStates = state.pollers.keys.sorted().map { state.pollers[$0]! }
    let backoffUntil = pollerStates.compactMap { pollerState -> Date? in
      if case .backingOff(let until, _) = pollerState { return until }
      return nil
    }.max()
    let pollers = PollerGroupSnapshot(
      kind: .activity,
      configured: state.configuredPollers,
      inFlight: state.pollsInFlight,
      paused: state.lifecycle.state == .paused,
      lastPollAt: state.lastPollAt,
      lastTaskAt: state.lastTaskAt,
      lastError: state.lastError,
      lastErrorAt: state.lastErrorAt,
      backoffUntil: backoffUntil,
      pollers: pollerStates,
      autoscaling: state.pollerScaler.behavior.isAutoscaling
        ? state.pollerScaler.minimum...state.pollerScaler.maximum : nil)
    return WorkerSnapshot(
      takenAt: nowDate,
      identity: self.identity,
      taskQueue: self.taskQueue,
      namespace: self.server.namespace,
      serverVersion: self.server.serverVersion,
      workerInstanceKey: self.workerInstanceKey,
      lifecycle: state.lifecycle.state,
      startedAt: state.startedAt,
      activityPollers: pollers,
      activitySlots: SlotUsage(
        running: slots.running, reserved: slots.reserved, maximum: slots.maximum, waiting: slots.waiting),
      activities: activities,
      counters: state.counters,
      throughput: state.throughput.samples(until: nowDate),
      scheduleToStartLatency: state.scheduleToStart.summary,
      executionLatency: state.execution.summary,
      drain: state.drain,
      recentEvents: state.events.events,
      gracefulShutdownTimeout: self.options.gracefulShutdownTimeout,
      workflows: self.workflowTasks?.snapshot(),
      server: self.taskQueueObserver?.current)
  }
}
