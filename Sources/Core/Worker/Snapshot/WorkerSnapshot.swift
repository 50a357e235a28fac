public import Foundation

/// Everything the console shows about a worker, as one plain value. Cheap
/// to take many times a second; taking it never blocks the worker for
/// longer than copying its counters.
public struct WorkerSnapshot: Hashable, Sendable {
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
    gracefulShutdownTimeout: Duration = .seconds(30)
  ) {
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

/// Slots of one kind: in use and the target. After shrinking, `used` may
/// exceed `maximum` until running work finishes.
public struct SlotUsage: Hashable, Sendable {
  public var used: Int
  public var maximum: Int
  /// Pollers waiting for a slot.
  public var waiting: Int

  public init(
    used: Int,
    maximum: Int,
    waiting: Int = 0
  ) {
    self.used = used
    self.maximum = maximum
    self.waiting = waiting
  }
}
