public import Foundation

/// Everything the console shows about a worker, as one plain value. Cheap
/// to take many times a second; taking it never blocks the worker for
/// longer than copying its counters.
public struct WorkerSnapshot: Hashable, Sendable, Codable {
  public var takenAt: Date
  public var identity: String
  public var taskQueue: String
  public var namespace: String
  public var serverVersion: String
  /// Sent on every poll; unique to this worker instance.
  public var workerInstanceKey: String
  public var lifecycle: WorkerLifecycleState
  public var startedAt: Date?
  public var activityPollers: PollerGroupSnapshot
  public var activitySlots: SlotUsage
  /// Sorted by start time, oldest first.
  public var activities: [InFlightActivity]
  public var counters: ActivityCounters
  /// The last few minutes, one sample per second, oldest first.
  public var throughput: [ThroughputSample]
  public var scheduleToStartLatency: LatencySummary
  public var executionLatency: LatencySummary
  public var drain: DrainProgress?
  /// Oldest first.
  public var recentEvents: [WorkerEvent]
  /// How long running activities get once a graceful shutdown begins.
  public var gracefulShutdownTimeout: Duration
  /// The workflow side; nil when the worker runs no workflows.
  public var workflows: WorkflowTasksSnapshot?
  /// What the server says about the task queue; nil when not asked.
  public var server: TaskQueueServerView?

  public init(
    takenAt: Date,
    identity: String,
    taskQueue: String,
    namespace: String,
    serverVersion: String,
    workerInstanceKey: String,
    lifecycle: WorkerLifecycleState,
    startedAt: Date?,
    activityPollers: PollerGroupSnapshot,
    activitySlots: SlotUsage,
    activities: [InFlightActivity] = [],
    counters: ActivityCounters = ActivityCounters(),
    throughput: [ThroughputSample] = [],
    scheduleToStartLatency: LatencySummary = .empty,
    executionLatency: LatencySummary = .empty,
    drain: DrainProgress? = nil,
    recentEvents: [WorkerEvent] = [],
    gracefulShutdownTimeout: Duration = .seconds(30),
    workflows: WorkflowTasksSnapshot? = nil,
    server: TaskQueueServerView? = nil
  ) {
    self.server = server
    self.takenAt = takenAt
    self.identity = identity
    self.taskQueue = taskQueue
    self.namespace = namespace
    self.serverVersion = serverVersion
    self.workerInstanceKey = workerInstanceKey
    self.lifecycle = lifecycle
    self.startedAt = startedAt
    self.activityPollers = activityPollers
    self.activitySlots = activitySlots
    self.workflows = workflows
    self.activities = activities
    self.counters = counters
    self.throughput = throughput
    self.scheduleToStartLatency = scheduleToStartLatency
    self.executionLatency = executionLatency
    self.drain = drain
    self.recentEvents = recentEvents
    self.gracefulShutdownTimeout = gracefulShutdownTimeout
  }
}

/// Slots of one kind, the way an operator reads them: activities running,
/// slots reserved by pollers whose long polls wait on the server (taken, but
/// nothing runs in them until a task arrives), and free ones. After
/// shrinking, `running` may exceed `maximum` until running work finishes.
public struct SlotUsage: Hashable, Sendable, Codable {
  /// Slots a task runs in (stuck ones included: they hold theirs).
  public var running: Int
  /// Slots held by pollers for the task their open poll may bring.
  public var reserved: Int
  public var maximum: Int
  /// Pollers waiting for a slot before they can poll.
  public var waiting: Int

  public init(running: Int, reserved: Int = 0, maximum: Int, waiting: Int = 0) {
    self.running = running
    self.reserved = reserved
    self.maximum = maximum
    self.waiting = waiting
  }

  /// Running and reserved together: the permits out.
  public var taken: Int { self.running + self.reserved }
  /// Slots neither running nor reserved.
  public var free: Int { max(0, self.maximum - self.taken) }
  /// No room for another task: every slot runs one (or more, after a shrink).
  public var isFull: Bool { self.maximum > 0 && self.running >= self.maximum }
}
