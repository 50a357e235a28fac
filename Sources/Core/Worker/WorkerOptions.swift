internal import Foundation

/// How a worker polls, runs and stops. Defaults match the official SDKs,
/// except two: the graceful shutdown timeout (30 s here; 0 in the SDKs,
/// which cancels running activities the moment shutdown starts), and
/// activity pollers, which autoscale from 5 within 1–100 (the SDKs keep a
/// fixed 5; autoscaling took in 1.6× as many noop activities a second on
/// the dev server, bench/README.md).
public struct WorkerOptions: Hashable, Sendable {
  /// Activities run at once. Env `MAX_CONCURRENT_ACTIVITIES`. At least 1.
  public var maxConcurrentActivities: Int = 100
  /// How many activity long polls stay open: fixed, or autoscaling within
  /// bounds. Env `ACTIVITY_POLLERS`: `5`, `auto` or `auto:MIN,INITIAL,MAX`.
  public var activityPollerBehavior: PollerBehavior = .autoscalingDefault
  /// The fixed number of activity long polls, or the autoscaler's initial
  /// number. Setting it chooses a fixed number.
  public var activityPollers: Int {
    get { self.activityPollerBehavior.initial }
    set { self.activityPollerBehavior = .fixed(newValue) }
  }
  /// Worker-side limit on activities started per second, applied before
  /// each poll. Env `MAX_ACTIVITIES_PER_SECOND`. Nil: no limit.
  public var maxActivitiesPerSecond: Double?
  /// Limit for the whole task queue, enforced by the server (sent on each
  /// poll; the last poller to send it wins). Env
  /// `MAX_TASK_QUEUE_ACTIVITIES_PER_SECOND`. Nil: no limit.
  public var maxTaskQueueActivitiesPerSecond: Double?
  /// Heartbeat throttle window when the activity has no heartbeat timeout.
  public var defaultHeartbeatThrottleInterval: Duration = .seconds(30)
  /// The longest heartbeat throttle window.
  public var maxHeartbeatThrottleInterval: Duration = .seconds(60)
  /// How long running activities may go on after a graceful shutdown begins
  /// before they are cancelled. Env `GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS`.
  public var gracefulShutdownTimeout: Duration = .seconds(30)
  /// Deadline of one long poll. The server answers an idle poll empty about
  /// a second before it; it holds polls up to a minute.
  public var pollTimeout: Duration = .seconds(70)
  /// Workflow tasks run at once. Env `MAX_CONCURRENT_WORKFLOW_TASKS`. At
  /// least 1.
  public var maxConcurrentWorkflowTasks: Int = 100
  /// Workflow runs kept between their tasks, so a sticky task applies only
  /// its new events; least recently used evicted first; 0 keeps none (and
  /// turns sticky polling off). Env `MAX_CACHED_WORKFLOWS`.
  public var maxCachedWorkflows: Int = 1000
  /// Workflow-task polls open at once: a fifth (at least 1) on the task
  /// queue, the rest on this worker's sticky queue. Env `WORKFLOW_POLLERS`,
  /// 1–100.
  public var workflowPollers: Int = 5
  /// Activities a workflow task's completion may ask the server to hand
  /// straight back to this worker (eager execution: no activity poll), each
  /// on a free activity slot reserved first, for types registered here on
  /// the workflow's own task queue. The official SDKs' 3. Env
  /// `MAX_EAGER_ACTIVITIES_PER_WORKFLOW_TASK` (0 turns eager execution off;
  /// so does a rate limit, whose pacing an eager start would bypass).
  public var maxEagerActivitiesPerWorkflowTask: Int = 3
  /// How often the server hears this worker's slots, pollers and counters
  /// (RecordWorkerHeartbeat), when the namespace offers worker heartbeats.
  /// Env `WORKER_HEARTBEAT_INTERVAL_SECONDS` (0 turns them off). Nil: off.
  public var workerHeartbeatInterval: Duration? = .seconds(30)
  /// How often the worker asks the server about its task queue
  /// (DescribeTaskQueue: backlog, rates, every poller), for the snapshot's
  /// `server` view and the console's Server row. Nil: never.
  public var taskQueueViewInterval: Duration? = .seconds(5)
  /// Threads for activities defined with `Activity.blocking`.
  public var maxBlockingThreads: Int = 16
  /// Sent as `identity` on every call. Nil: the connection's identity.
  public var identity: String?
  /// How many recent events the snapshot keeps.
  public var recentEventCapacity: Int = 200

  public init() {}

  /// The options with any of the environment variables above applied.
  /// Throws, naming the variable, its value and what is allowed, on a bad value.
  public init(environment: [String: String]) throws(WorkerConfigurationError) {
    self.init()
    func value(_ name: String) -> String? {
      guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
      return raw
    }
    func positiveInt(_ name: String) throws(WorkerConfigurationError) -> Int? {
      guard let raw = value(name) else { return nil }
      guard let parsed = Int(raw), parsed >= 1 else {
        throw WorkerConfigurationError("\(name)=\(raw) is not allowed: use a whole number of at least 1.")
      }
      return parsed
    }
    func positiveRate(_ name: String) throws(WorkerConfigurationError) -> Double? {
      guard let raw = value(name) else { return nil }
      guard let parsed = Double(raw), parsed > 0, parsed.isFinite else {
        throw WorkerConfigurationError("\(name)=\(raw) is not allowed: use a number of activities per second above 0.")
      }
      return parsed
    }
    if let parsed = try positiveInt("MAX_CONCURRENT_ACTIVITIES") { self.maxConcurrentActivities = parsed }
    if let raw = value("ACTIVITY_POLLERS") {
      guard let behavior = PollerBehavior(parsing: raw) else {
        throw WorkerConfigurationError(
          "ACTIVITY_POLLERS=\(raw) is not allowed: use a whole number from 1 to 100, auto, or auto:MIN,INITIAL,MAX with 1 ≤ MIN ≤ INITIAL ≤ MAX ≤ 100.")
      }
      self.activityPollerBehavior = behavior
    }
    if let parsed = try positiveInt("MAX_CONCURRENT_WORKFLOW_TASKS") { self.maxConcurrentWorkflowTasks = parsed }
    if let raw = value("MAX_CACHED_WORKFLOWS") {
      guard let parsed = Int(raw), parsed >= 0 else {
        throw WorkerConfigurationError(
          "MAX_CACHED_WORKFLOWS=\(raw) is not allowed: use a whole number, 0 or more (0 keeps no runs between tasks).")
      }
      self.maxCachedWorkflows = parsed
    }
    if let raw = value("WORKFLOW_POLLERS") {
      guard let parsed = Int(raw), (1...PollerBehavior.maximumPolls).contains(parsed) else {
        throw WorkerConfigurationError(
          "WORKFLOW_POLLERS=\(raw) is not allowed: use a whole number from 1 to \(PollerBehavior.maximumPolls).")
      }
      self.workflowPollers = parsed
    }
    if let raw = value("MAX_EAGER_ACTIVITIES_PER_WORKFLOW_TASK") {
      guard let parsed = Int(raw), parsed >= 0 else {
        throw WorkerConfigurationError(
          "MAX_EAGER_ACTIVITIES_PER_WORKFLOW_TASK=\(raw) is not allowed: use a whole number, 0 or more (0 turns eager activities off).")
      }
      self.maxEagerActivitiesPerWorkflowTask = parsed
    }
    if let raw = value("WORKER_HEARTBEAT_INTERVAL_SECONDS") {
      guard let seconds = Int(raw), seconds == 0 || (1...60).contains(seconds) else {
        throw WorkerConfigurationError(
          "WORKER_HEARTBEAT_INTERVAL_SECONDS=\(raw) is not allowed: use a whole number of seconds from 1 to 60, or 0 to turn worker heartbeats off.")
      }
      self.workerHeartbeatInterval = seconds == 0 ? nil : .seconds(seconds)
    }
    if let parsed = try positiveRate("MAX_ACTIVITIES_PER_SECOND") { self.maxActivitiesPerSecond = parsed }
    if let parsed = try positiveRate("MAX_TASK_QUEUE_ACTIVITIES_PER_SECOND") {
      self.maxTaskQueueActivitiesPerSecond = parsed
    }
    if let raw = value("GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS") {
      guard let seconds = Double(raw), seconds >= 0, seconds.isFinite else {
        throw WorkerConfigurationError(
          "GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS=\(raw) is not allowed: use a number of seconds, 0 or more.")
      }
      self.gracefulShutdownTimeout = .milliseconds(Int64((seconds * 1000).rounded()))
    }
  }

  /// Throws on the first option that can't work.
  public func validate() throws(WorkerConfigurationError) {
    if self.maxConcurrentActivities < 1 {
      throw WorkerConfigurationError(
        "maxConcurrentActivities is \(self.maxConcurrentActivities): the minimum is 1. Pause polling to stop taking work.")
    }
    if self.maxConcurrentWorkflowTasks < 1 {
      throw WorkerConfigurationError("maxConcurrentWorkflowTasks is \(self.maxConcurrentWorkflowTasks): the minimum is 1.")
    }
    if self.maxCachedWorkflows < 0 {
      throw WorkerConfigurationError("maxCachedWorkflows is \(self.maxCachedWorkflows): use 0 or more.")
    }
    if !(1...PollerBehavior.maximumPolls).contains(self.workflowPollers) {
      throw WorkerConfigurationError(
        "workflowPollers is \(self.workflowPollers): use 1 to \(PollerBehavior.maximumPolls).")
    }
    if self.maxEagerActivitiesPerWorkflowTask < 0 {
      throw WorkerConfigurationError(
        "maxEagerActivitiesPerWorkflowTask is \(self.maxEagerActivitiesPerWorkflowTask): use 0 or more (0 turns eager activities off).")
    }
    if let interval = self.workerHeartbeatInterval, !(interval >= .seconds(1) && interval <= .seconds(60)) {
      throw WorkerConfigurationError(
        "workerHeartbeatInterval is \(interval): use 1 to 60 seconds, or nil to turn worker heartbeats off.")
    }
    if let problem = self.activityPollerBehavior.problem {
      throw WorkerConfigurationError("activityPollerBehavior is \(problem).")
    }
    for (name, rate) in [
      ("maxActivitiesPerSecond", self.maxActivitiesPerSecond),
      ("maxTaskQueueActivitiesPerSecond", self.maxTaskQueueActivitiesPerSecond),
    ] {
      if let rate, !(rate > 0 && rate.isFinite) {
        throw WorkerConfigurationError("\(name) is \(rate): use a rate above 0, or nil for no limit.")
      }
    }
    if self.gracefulShutdownTimeout < .zero {
      throw WorkerConfigurationError("gracefulShutdownTimeout is \(self.gracefulShutdownTimeout): it can't be negative.")
    }
    if self.defaultHeartbeatThrottleInterval <= .zero || self.maxHeartbeatThrottleInterval <= .zero {
      throw WorkerConfigurationError("heartbeat throttle intervals must be positive.")
    }
    if self.pollTimeout < .seconds(5) {
      throw WorkerConfigurationError(
        "pollTimeout is \(self.pollTimeout): the server refuses long polls with deadlines under a few seconds; use 5 s or more.")
    }
    if self.maxBlockingThreads < 1 {
      throw WorkerConfigurationError("maxBlockingThreads is \(self.maxBlockingThreads): the minimum is 1.")
    }
  }
}
