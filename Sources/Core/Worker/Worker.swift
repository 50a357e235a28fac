internal import Foundation
public import Logging
internal import Synchronization
internal import ServiceLifecycle
public import CoreMetrics

/// A worker that polls one task queue for activity tasks, runs them under a
/// slot limit, heartbeats them, delivers cancellation and reports every
/// outcome. `run()` returns once the worker has drained after
/// `beginGracefulShutdown()` (or a `WorkerCommand`).
///
/// ```swift
/// try await TemporalConnection.withConnection(ConnectionOptions()) { connection in
///   let worker = try Worker(connection: connection, taskQueue: "orders", activities: [greet])
///   try await worker.run()
/// }
/// ```
///
/// Everything it does is visible in `snapshot()`, and `send(_:)` steers it
/// while it runs: pause, resume, resize, drain.
public final class Worker: Sendable {
  public let taskQueue: String
  public let options: WorkerOptions
  /// Sent as `identity` on every call.
  public let identity: String
  /// Sent on every poll and with ShutdownWorker; unique to this instance.
  public let workerInstanceKey: String

  /// Every call the worker makes goes through this: gRPC in production, a
  /// scripted server in unit tests.
  let server: any WorkerServer
  let activities: [String: Activity]
  /// The workflow side, when workflows are registered: its own pollers,
  /// slots, cache and drain.
  let workflowTasks: WorkflowTaskWorker?
  /// The server's view of the task queue (backlog, every poller), asked
  /// every few seconds; nil when off or the server can't be asked.
  let taskQueueObserver: TaskQueueObserver?
  let logger: Logger
  let slots: SlotPool
  let blockingPool: BlockingActivityPool
  let state: Mutex<WorkerState>
  /// Fired when shutdown begins: the notice activities can wait for.
  let shutdownStarted = OnceSignal<Void>()
  /// Fired when running activities must be cancelled (grace over, or forced).
  let cancelRemaining = OnceSignal<Void>()
  /// Fired when the shutdown is forced: what is left gets a few seconds.
  let forced = OnceSignal<ContinuousClock.Instant>()
  /// Fired when every poller has stopped for good.
  let pollingStopped = OnceSignal<Void>()
  /// Fired when shutdown has begun and nothing is left to run or report.
  let drained = OnceSignal<Void>()
  let pollerControl: AsyncStream<PollerControl>
  let pollerControlSink: AsyncStream<PollerControl>.Continuation
  /// Activity tasks with their slots, from the pollers and from eager
  /// completions, to the loop that runs them. Finished once neither can
  /// bring more, so every task handed over is run and reported.
  let deliveries: AsyncStream<ActivityDelivery>
  let deliverySink: AsyncStream<ActivityDelivery>.Continuation
  let metrics: WorkerMetrics

  /// Checks the options, activities and workflows; throws if two activities
  /// or two workflows share a name or an option can't work.
  public convenience init(
    connection: TemporalConnection,
    taskQueue: String,
    activities: [Activity] = [],
    workflows: [Workflow] = [],
    options: WorkerOptions = WorkerOptions(),
    logger: Logger = Logger(label: "gaffer.worker"),
    metrics: any MetricsFactory = MetricsSystem.factory
  ) throws(WorkerConfigurationError) {
    let identity = options.identity ?? connection.options.identity
    try self.init(
      server: GRPCWorkerServer(connection: connection, identity: identity), identity: identity,
      taskQueue: taskQueue, activities: activities, workflows: workflows, options: options, logger: logger,
      metrics: metrics)
  }

  init(
    server: any WorkerServer,
    identity: String,
    taskQueue: String,
    activities: [Activity],
    workflows: [Workflow] = [],
    options: WorkerOptions = WorkerOptions(),
    logger: Logger = Logger(label: "gaffer.worker"),
    metrics: any MetricsFactory = MetricsSystem.factory
  ) throws(WorkerConfigurationError) {
    guard !taskQueue.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw WorkerConfigurationError("The task queue name is empty: give the worker the task queue its workflows use.")
    }
    try options.validate()
    let byName = try Self.index(activities, taskQueue: taskQueue)
    let workflowsByName = try WorkflowTaskWorker.index(workflows, taskQueue: taskQueue)
    self.taskQueue = taskQueue
    self.options = options
    self.identity = identity
    self.workerInstanceKey = UUID().uuidString.lowercased()
    self.server = server
    self.activities = byName
    var logger = logger
    logger[metadataKey: "temporal.task_queue"] = "\(taskQueue)"
    logger[metadataKey: "temporal.namespace"] = "\(server.namespace)"
    self.logger = logger
    self.metrics = WorkerMetrics(
      factory: metrics, taskQueue: taskQueue, namespace: server.namespace,
      activityTypes: Array(byName.keys))
    if workflowsByName.isEmpty {
      self.workflowTasks = nil
    } else {
      guard let workflowServer = server as? any WorkflowTaskServer else {
        preconditionFailure("a worker with workflows needs a server that answers workflow-task calls")
      }
      self.workflowTasks = WorkflowTaskWorker(
        options: WorkflowTaskWorkerOptions(
          taskQueue: taskQueue, namespace: server.namespace, identity: identity,
          workerInstanceKey: self.workerInstanceKey, pollers: options.workflowPollers,
          maxConcurrentTasks: options.maxConcurrentWorkflowTasks, maxCachedWorkflows: options.maxCachedWorkflows,
          pollTimeout: options.pollTimeout, maxEagerActivities: options.maxEagerActivitiesPerWorkflowTask),
        server: workflowServer, workflows: workflowsByName, logger: logger, metrics: self.metrics.workflows)
    }
    if let interval = options.taskQueueViewInterval, let describer = server as? any TaskQueueDescribing {
      self.taskQueueObserver = TaskQueueObserver(
        taskQueue: taskQueue, identity: identity,
        kinds: (byName.isEmpty ? [] : [.activity]) + (workflowsByName.isEmpty ? [] : [.workflow]),
        server: describer, interval: interval)
    } else {
      self.taskQueueObserver = nil
    }
    self.slots = SlotPool(maximum: options.maxConcurrentActivities)
    self.blockingPool = BlockingActivityPool(maximumThreads: options.maxBlockingThreads)
    self.state = Mutex(
      WorkerState(
        options: options, namespaceAutoscales: server.namespaceInfo.capabilities.pollerAutoscaling,
        hasWorkflowTasks: self.workflowTasks != nil))
    (self.pollerControl, self.pollerControlSink) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    (self.deliveries, self.deliverySink) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
  }

  /// Sets the worker's metric gauges (slots, pollers, state, drain) from a
  /// fresh snapshot. Exporters call it just before a scrape, so the gauges
  /// say what the snapshot says.
  public func publishMetricGauges() {
    self.metrics.publish(self.snapshot())
  }

  /// The activities by name; two with one name is an error naming both.
  static func index(_ activities: [Activity], taskQueue: String) throws(WorkerConfigurationError) -> [String: Activity] {
    var byName: [String: Activity] = [:]
    for activity in activities {
      if let earlier = byName[activity.name] {
        throw WorkerConfigurationError(
          "Two activities are registered as '\(activity.name)' on task queue '\(taskQueue)': one from \(earlier.origin) and one from \(activity.origin). Give each a distinct name.")
      }
      byName[activity.name] = activity
    }
    return byName
  }

  /// The activity type names this worker runs, sorted.
  public var activityNames: [String] { self.activities.keys.sorted() }

  /// The workflow type names this worker runs, sorted.
  public var workflowNames: [String] { self.workflowTasks?.workflows.keys.sorted() ?? [] }

  public var lifecycleState: WorkerLifecycleState { self.state.withLock { $0.lifecycle.state } }

  /// True from `run()` until it returns.
  public var isRunning: Bool {
    self.state.withLock { state in
      guard state.runStarted else { return false }
      switch state.lifecycle.state {
      case .running, .paused, .draining, .starting: return true
      case .stopped, .failed: return false
      }
    }
  }

  /// True once the worker has stopped (or failed) for good.
  public var isShutdown: Bool {
    switch self.lifecycleState {
    case .stopped, .failed: true
    case .starting, .running, .paused, .draining: false
    }
  }

  // MARK: Running

  /// Polls and runs activities until a graceful shutdown has drained the
  /// worker, then returns.
  ///
  /// Inside a swift-service-lifecycle `ServiceGroup`, the group's graceful
  /// shutdown begins the worker's. Cancelling the calling task forces the
  /// shutdown: polling stops, running activities are cancelled with reason
  /// worker-shutdown, and `run()` returns once each has been reported, so the
  /// server retries them at once instead of waiting for their timeouts.
  public func run() async throws {
    let pollers =
      switch self.options.activityPollerBehavior {
      case .fixed(let count): "\(count) pollers"
      case .autoscaling(let minimum, let initial, let maximum): "\(initial) pollers autoscaling within \(minimum)–\(maximum)"
      }
    let alreadyStarted = self.state.withLock { state -> Bool in
      if state.runStarted { return true }
      state.runStarted = true
      state.startedAt = Date()
      _ = state.lifecycle.runStarted()
      state.record(.info, "worker started on task queue '\(self.taskQueue)' with \(self.options.maxConcurrentActivities) activity slots and \(pollers)")
      return false
    }
    if alreadyStarted {
      throw WorkerCommandError("run() was already called on the worker for task queue '\(self.taskQueue)': a worker runs once; make a new one.")
    }
    self.logger.info(
      "worker started",
      metadata: [
        "worker.identity": "\(self.identity)", "worker.instance_key": "\(self.workerInstanceKey)",
        "worker.activities": "\(self.activityNames.joined(separator: ","))",
        "worker.workflows": "\(self.workflowNames.joined(separator: ","))",
      ])
    // Unstructured so that cancelling the caller does not cut off the reports
    // a forced shutdown still owes the server; it inherits task-locals.
    let body = Task { await self.runUntilDrained() }
    await withGracefulShutdownHandler {
      await withTaskCancellationHandler {
        await body.value
      } onCancel: {
        self.forceShutdown()
      }
    } onGracefulShutdown: {
      self.beginGracefulShutdown()
    }

    await self.sendShutdownWorkerHeartbeat()
    self.state.withLock { state in
      let cancelled = state.lifecycle.cancelling
      state.lifecycle.drained()
      state.drain?.phase = .finished
      state.drain?.remaining = 0
      state.record(.info, cancelled ? "worker stopped: the activities left at the end were cancelled and reported" : "worker stopped: drained")
    }
    if case .failed(let reason) = self.lifecycleState {
      self.logger.error("worker exited after a failure", metadata: ["error": "\(reason)", "worker.counters": "\(self.countersText)"])
      throw WorkerFailedError(taskQueue: self.taskQueue, reason: reason)
    }
    self.logger.info("worker exited", metadata: ["worker.counters": "\(self.countersText)"])
  }

  /// Fails the worker: it stops polling, drains, and `run()` throws.
  func fail(_ reason: String) {
    let action = self.state.withLock { state in
      state.record(.error, "worker failed: \(reason)")
      return state.lifecycle.failureOccurred(reason)
    }
    self.logger.error("worker failed; draining", metadata: ["error": "\(reason)"])
    self.perform(action)
  }

  private func runUntilDrained() async {
    defer { self.blockingPool.stop() }
    await withDiscardingTaskGroup { group in
      group.addTask {
        await withDiscardingTaskGroup { sources in
          sources.addTask {
            await self.runPollers()
            self.pollingEnded()
          }
          if let workflowTasks = self.workflowTasks {
            sources.addTask {
              await self.runWorkflowTasks(workflowTasks)
              self.workflowTasksEnded()
            }
          }
        }
        // Every task a poll or an eager completion brought is in the stream
        // by now; finishing it lets the loop below run them all and then end.
        self.deliverySink.finish()
      }
      group.addTask {
        await self.superviseShutdown()
      }
      group.addTask {
        await self.sendWorkerHeartbeats()
      }
      if let observer = self.taskQueueObserver {
        group.addTask { await self.observeTaskQueue(observer) }
      }
      for await delivery in self.deliveries {
        group.addTask { await self.execute(delivery) }
      }
    }
  }

  /// Begins a graceful shutdown: polling stops, the server is told, running
  /// activities have `gracefulShutdownTimeout` to finish, then the rest are
  /// cancelled. Returns at once; `run()` returns when the drain is done.
  /// Calling it again skips the rest of the grace period.
  public func beginGracefulShutdown() {
    let action = self.state.withLock { $0.lifecycle.shutdownRequested() }
    self.perform(action)
  }

  /// Cancels whatever still runs now, beginning the shutdown if needed.
  public func forceShutdown() {
    let action = self.state.withLock { $0.lifecycle.forceShutdownRequested() }
    self.perform(action)
  }

  // MARK: Commands

  /// Carries out a command without waiting. Throws when the command can't
  /// apply (a bad value, or a state that no longer allows it).
  public func send(_ command: WorkerCommand) throws(WorkerCommandError) {
    switch command {
    case .pause:
      try self.perform(self.state.withLock { $0.lifecycle.pauseRequested() }, command: "pause")
    case .resume:
      try self.perform(self.state.withLock { $0.lifecycle.resumeRequested() }, command: "resume")
    case .setMaxConcurrentActivities(let maximum):
      try self.setMaxConcurrentActivities(maximum)
    case .setActivityPollers(let count):
      try self.setActivityPollers(count)
    case .beginGracefulShutdown:
      self.beginGracefulShutdown()
    case .forceShutdown:
      self.forceShutdown()
    case .cancelActivity(let id):
      try self.cancelActivity(id: id)
    case .pauseWorkflowPolling:
      try self.requireWorkflows("pause workflow polling").pause()
      self.state.withLock { $0.record(.info, "workflow polling paused") }
      self.logger.info("workflow polling paused")
    case .resumeWorkflowPolling:
      try self.requireWorkflows("resume workflow polling").resume()
      self.state.withLock { $0.record(.info, "workflow polling resumed") }
      self.logger.info("workflow polling resumed")
    case .setMaxConcurrentWorkflowTasks(let maximum):
      let workflowTasks = try self.requireWorkflows("resize workflow task slots")
      guard maximum >= 1 else {
        throw WorkerCommandError(
          "Can't set max concurrent workflow tasks to \(maximum) on task queue '\(self.taskQueue)': the minimum is 1. Pause workflow polling to stop taking workflow tasks.")
      }
      let before = workflowTasks.slots.usage.maximum
      workflowTasks.slots.resize(to: maximum)
      self.state.withLock { $0.record(.info, "workflow task slots \(before) → \(maximum)") }
      self.logger.info("workflow task slots resized", metadata: ["slots.from": "\(before)", "slots.to": "\(maximum)"])
    }
  }

  /// Carries out a command from outside the process (an attached console,
  /// a tool on the control socket), writing who asked for what into the
  /// log and the snapshot's events first: the action journal an operator
  /// reads back after a deploy. A refusal is journalled too.
  public func send(_ command: WorkerCommand, from requester: String) throws(WorkerCommandError) {
    self.logger.info(
      "command received", metadata: ["command": "\(command)", "command.from": "\(requester)"])
    self.state.withLock { $0.record(.info, "\(requester): \(command)") }
    do {
      try self.send(command)
    } catch {
      self.logger.warning(
        "command refused",
        metadata: ["command": "\(command)", "command.from": "\(requester)", "reason": "\(error.message)"])
      self.state.withLock { $0.record(.warning, "\(requester): refused: \(error.message)") }
      throw error
    }
  }

  private func requireWorkflows(_ command: String) throws(WorkerCommandError) -> WorkflowTaskWorker {
    guard let workflowTasks = self.workflowTasks else {
      throw WorkerCommandError(
        "Can't \(command) on task queue '\(self.taskQueue)': this worker has no workflows registered.")
    }
    return workflowTasks
  }

  private func setMaxConcurrentActivities(_ maximum: Int) throws(WorkerCommandError) {
    guard maximum >= 1 else {
      throw WorkerCommandError(
        "Can't set max concurrent activities to \(maximum) on task queue '\(self.taskQueue)': the minimum is 1. Pause polling to stop taking work.")
    }
    let before = self.slots.usage.maximum
    self.slots.resize(to: maximum)
    self.state.withLock { $0.record(.info, "activity slots \(before) → \(maximum)") }
    self.logger.info("activity slots resized", metadata: ["slots.from": "\(before)", "slots.to": "\(maximum)"])
  }

  private func setActivityPollers(_ count: Int) throws(WorkerCommandError) {
    guard count >= 1 else {
      throw WorkerCommandError(
        "Can't set activity pollers to \(count) on task queue '\(self.taskQueue)': the minimum is 1. Pause polling to stop taking work.")
    }
    guard count <= PollerBehavior.maximumPolls else {
      throw WorkerCommandError(
        "Can't set activity pollers to \(count) on task queue '\(self.taskQueue)': the most is \(PollerBehavior.maximumPolls), what one connection carries at once.")
    }
    let waiters = self.state.withLock { state in
      let before = state.configuredPollers
      let wasAutoscaling = state.pollerScaler.behavior.isAutoscaling
      // An operator's number is a fixed number: autoscaling stops.
      state.pollerScaler = PollerScaler(.fixed(count))
      state.record(.info, "activity pollers \(before) → \(count)\(wasAutoscaling ? " (fixed; autoscaling off)" : "")")
      // Surplus pollers leave at their next turn; parked ones re-check now.
      return state.takeWaiters()
    }
    for wake in waiters { wake() }
    self.pollerControlSink.yield(.pollersChanged)
  }

  private func cancelActivity(id: String) throws(WorkerCommandError) {
    guard let attempt = self.state.withLock({ $0.attempts.values.first { $0.id == id } }) else {
      throw WorkerCommandError(
        "No activity '\(id)' is running on task queue '\(self.taskQueue)': it may have just finished. Ids are '<run id>/<activity id>/<attempt>', as in the snapshot.")
    }
    if attempt.cancel(.cancelledByOperator, at: .now) {
      self.state.withLock {
        $0.record(.warning, "cancelled \(attempt.info.activityType) \(attempt.info.activityID) by operator")
      }
      self.logger.warning(
        "activity cancelled by operator",
        metadata: [
          "activity.type": "\(attempt.info.activityType)", "activity.id": "\(attempt.info.activityID)",
          "workflow.id": "\(attempt.info.workflowID)",
        ])
    }
  }

  private func perform(_ action: WorkerLifecycle.Action, command: String) throws(WorkerCommandError) {
    if case .rejected(let why) = action {
      throw WorkerCommandError("Can't \(command) the worker on task queue '\(self.taskQueue)': \(why).")
    }
    self.perform(action)
  }

  /// Carries out what the lifecycle machine decided, outside the lock.
  func perform(_ action: WorkerLifecycle.Action) {
    switch action {
    case .none, .rejected:
      return
    case .stopPolling:
      self.state.withLock { $0.record(.info, "polling paused") }
      self.logger.info("polling paused")
    case .resumePolling:
      let waiters = self.state.withLock { state in
        state.record(.info, "polling resumed")
        return state.takeWaiters()
      }
      self.logger.info("polling resumed")
      for wake in waiters { wake() }
    case .beginDrain:
      self.beginDrain()
    case .cancelRemaining:
      self.cancelRunningActivities()
    case .forceRemaining:
      self.forceRemaining()
    case .beginDrainAndForce:
      self.beginDrain()
      self.forceRemaining()
    }
  }

  var countersText: String {
    let counters = self.state.withLock { $0.counters }
    return "received=\(counters.received) completed=\(counters.completed) failed=\(counters.failed) cancelled=\(counters.cancelled) dropped=\(counters.dropped) abandoned=\(counters.reportsAbandoned)"
  }
}
