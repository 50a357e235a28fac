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
}

/// Slots of one kind: in use and the target. After shrinking, `used` may
/// exceed `maximum` until running work finishes.
public struct SlotUsage: Hashable, Sendable {
  public var used: Int
  public var maximum: Int
  /// Pollers waiting for a slot.
  public var waiting: Int
}
