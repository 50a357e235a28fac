internal import Foundation
internal import Logging
internal import Synchronization
internal import TemporalAPI

/// The workflow half of a worker: its own pollers (normal and sticky), its
/// workflow-task slots, its cache of runs and its drain. The `Worker`
/// composes it next to the activity side and starts and stops it; it
/// shares only the connection.
final class WorkflowTaskWorker: Sendable {
  struct State: Sendable {
    var counters = WorkflowTaskCounters()
    var inFlight: [Data: InFlightWorkflowTask] = [:]
    var recentFailures: [WorkflowTaskFailureRecord] = []
    var openPolls = 0
    var stopping = false
    var paused = false
    /// Pollers parked by a pause, woken by `resume` or `stop`.
    var parked: [CheckedContinuation<Void, Never>] = []
  }

  static let maximumRecentFailures = 20
  /// How long a sticky queue's task may wait for this worker before the
  /// server moves it to the normal queue (the official SDKs' 10 s).
  static let stickyScheduleToStartTimeout = Duration.seconds(10)

  let options: WorkflowTaskWorkerOptions
  let server: any WorkflowTaskServer
  let workflows: [String: Workflow]
  let stickyQueue: String?
  let slots: SlotPool
  let cache: Mutex<WorkflowRunCache<WorkflowRun>>
  let state = Mutex(State())
  /// Workflow code runs here, never on Swift's cooperative threads.
  let activationThreads: WorkflowActivationRunner
  let logger: Logger
  let metrics: WorkflowMetrics
  let stopPolling = OnceSignal<Void>()

  init(
    options: WorkflowTaskWorkerOptions, server: any WorkflowTaskServer, workflows: [String: Workflow],
    logger: Logger, metrics: WorkflowMetrics
  ) {
    self.options = options
    self.metrics = metrics
    self.server = server
    self.workflows = workflows
    self.stickyQueue = options.maxCachedWorkflows > 0 ? "\(options.identity)-\(options.workerInstanceKey)" : nil
    self.slots = SlotPool(maximum: options.maxConcurrentTasks)
    self.cache = Mutex(WorkflowRunCache(capacity: options.maxCachedWorkflows))
    self.activationThreads = WorkflowActivationRunner(threads: max(1, min(options.maxConcurrentTasks, 4)))
    self.logger = logger
  }

  /// The workflows by name; two with one name is an error naming both.
  static func index(_ workflows: [Workflow], taskQueue: String) throws(WorkerConfigurationError) -> [String: Workflow] {
    var byName: [String: Workflow] = [:]
    for workflow in workflows {
      if let earlier = byName[workflow.name] {
        throw WorkerConfigurationError(
          "Two workflows are registered as '\(workflow.name)' on task queue '\(taskQueue)': one from \(earlier.origin) and one from \(workflow.origin). Give each a distinct name.")
      }
      for (kind, names) in [("signal", workflow.signalNames), ("query", workflow.queryNames)] {
        if let repeated = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
          throw WorkerConfigurationError(
            "Workflow '\(workflow.name)' (\(workflow.origin)) has two \(kind) handlers named '\(repeated)': give each a distinct name.")
        }
      }
      byName[workflow.name] = workflow
    }
    return byName
  }

  /// Polls and runs workflow tasks until `stop()`, then lets the tasks in
  /// flight finish and returns. With `eagerActivities`, completions may ask
  /// for activities to start here at once and hand what comes back to it.
  func run(eagerActivities: (any EagerActivityExecutor)? = nil) async {
    defer { self.activationThreads.stop() }
    let split = self.options.pollerSplit
    await withDiscardingTaskGroup { group in
      for _ in 0..<split.normal {
        group.addTask { await self.pollLoop(sticky: false, eagerActivities: eagerActivities) }
      }
      for _ in 0..<split.sticky {
        group.addTask { await self.pollLoop(sticky: true, eagerActivities: eagerActivities) }
      }
    }
  }

  /// Stops polling: open polls end (ShutdownWorker ends them, or they are
  /// cancelled), tasks in flight finish.
  func stop() {
    let parked = self.state.withLock { state in
      state.stopping = true
      defer { state.parked = [] }
      return state.parked
    }
    for poller in parked { poller.resume() }
    self.stopPolling.fire(())
  }

  /// New polls wait until `resume`; open ones run to their end, and a task
  /// they bring runs (cancelling a poll could lose a task in transit).
  func pause() {
    self.state.withLock { $0.paused = true }
  }

  func resume() {
    let parked = self.state.withLock { state in
      state.paused = false
      defer { state.parked = [] }
      return state.parked
    }
    for poller in parked { poller.resume() }
  }

  /// Waits while paused; returns at once otherwise.
  private func waitWhilePaused() async {
    await withCheckedContinuation { continuation in
      let park = self.state.withLock { state in
        guard state.paused && !state.stopping else { return false }
        state.parked.append(continuation)
        return true
      }
      if !park { continuation.resume() }
    }
  }

  private var isStopping: Bool { self.state.withLock { $0.stopping } }

  private func pollLoop(sticky: Bool, eagerActivities: (any EagerActivityExecutor)?) async {
    var failures = 0
    await withDiscardingTaskGroup { tasks in
      while !self.isStopping {
        await self.waitWhilePaused()
        guard !self.isStopping else { return }
        let permit: SlotPermit
        do {
          permit = try await self.slots.acquire()
        } catch {
          return
        }
        guard !self.isStopping else {
          permit.release()
          return
        }
        let poll = WorkflowTaskPoll(
          taskQueue: self.options.taskQueue, stickyQueue: sticky ? self.stickyQueue : nil,
          workerInstanceKey: self.options.workerInstanceKey, timeout: self.options.pollTimeout)
        self.state.withLock { $0.openPolls += 1 }
        let result = await self.pollUntilStopped(poll)
        self.state.withLock { $0.openPolls -= 1 }
        switch result {
        case .success(let task?):
          failures = 0
          permit.markUsed()
          self.state.withLock { $0.counters.received += 1 }
          tasks.addTask {
            await self.process(task, eagerActivities: eagerActivities)
            permit.release()
          }
        case .success(nil):
          failures = 0
          permit.release()
        case .failure(let error):
          permit.release()
          if error is CancellationError || self.isStopping { return }
          failures += 1
          let delay = Worker.pollBackoff.delay(beforeRetry: failures)
          self.logger.warning(
            "workflow task poll failed; retrying",
            metadata: ["error": "\(error)", "poll.sticky": "\(sticky)", "retry.in": "\(delay)"])
          try? await self.server.waitForServer(upTo: delay)
        }
      }
    }
  }

  /// One poll, cut off if polling stops and the server has not ended it
  /// 5 s later (ShutdownWorker ends polls on servers that can).
  private func pollUntilStopped(_ poll: WorkflowTaskPoll) async -> Result<WorkflowTask?, any Error> {
    await withTaskGroup(of: Result<WorkflowTask?, any Error>?.self) { race in
      race.addTask {
        do {
          return .success(try await self.server.pollWorkflowTask(poll))
        } catch {
          return .failure(error)
        }
      }
      race.addTask {
        do {
          try await self.stopPolling.wait()
          try await Task.sleep(for: .seconds(5))
        } catch {
          return nil
        }
        return .failure(CancellationError())
      }
      defer { race.cancelAll() }
      while let next = await race.next() {
        if let next { return next }
      }
      return .failure(CancellationError())
    }
  }
}
