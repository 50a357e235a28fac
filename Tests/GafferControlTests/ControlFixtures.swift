import Foundation
@testable import GafferControl
import GafferCore
import Synchronization

/// A snapshot with every part filled in, so encoding covers each type.
enum ControlFixtures {
  static let now = Date(timeIntervalSince1970: 1_795_000_000)

  static func snapshot(lifecycle: WorkerLifecycleState = .running) -> WorkerSnapshot {
    let heartbeat = InFlightActivity.Heartbeat(
      count: 3, lastRecordedAt: now - 2, lastSentAt: now - 2, lastAcknowledgedAt: now - 1,
      lastDetails: [Payload(metadata: ["encoding": Data("json/plain".utf8)], data: Data("42".utf8))],
      pendingDetails: nil, health: .ok)
    let activity = InFlightActivity(
      id: "run-1/7/1", activityID: "7", activityType: "charge", workflowID: "order-9", workflowRunID: "run-1",
      workflowType: "Order", attempt: 1, startedAt: now - 5, deadline: now + 25,
      startToCloseTimeout: .seconds(30), heartbeatTimeout: .milliseconds(1500), heartbeat: heartbeat,
      cancellation: .cancelRequested, cancelRequestedAt: now - 1)
    var counters = ActivityCounters()
    counters.received = 12
    counters.completed = 9
    counters.byType = ["charge": .init(completed: 9, failed: 1, cancelled: 0)]
    return WorkerSnapshot(
      takenAt: now, identity: "4242@host", taskQueue: "orders", namespace: "default", serverVersion: "1.32.0",
      workerInstanceKey: "key-1", lifecycle: lifecycle, startedAt: now - 600,
      activityPollers: PollerGroupSnapshot(
        kind: .activity, configured: 5, inFlight: 4, paused: false, lastPollAt: now - 1,
        pollers: [.polling(since: now - 1), .waitingForSlot, .backingOff(until: now + 2, error: "unavailable")],
        autoscaling: 1...100),
      activitySlots: SlotUsage(running: 1, reserved: 4, maximum: 10),
      activities: [activity], counters: counters,
      throughput: [ThroughputSample(second: now - 1, completed: 3, failed: 0)],
      scheduleToStartLatency: LatencySummary(count: 9, p50: .milliseconds(12), p99: .milliseconds(40), max: .milliseconds(41)),
      executionLatency: .empty,
      drain: nil,
      recentEvents: [WorkerEvent(at: now - 3, level: .info, message: "polling resumed")],
      gracefulShutdownTimeout: .seconds(30),
      workflows: WorkflowTasksSnapshot(
        registeredTypes: ["Order"], stickyQueue: "host:sticky", normalPollers: 1, stickyPollers: 4, openPolls: 5,
        paused: false, slotsMaximum: 100, slotsRunning: 0, cacheSize: 2, cacheMaximum: 1000, cacheHits: 5,
        cacheMisses: 1, cacheEvictions: ["closed": 1], counters: WorkflowTaskCounters(),
        inFlight: [], recentFailures: []),
      server: TaskQueueServerView(
        askedAt: now - 1, answeredAt: now - 1,
        activity: TaskQueueKindView(
          backlog: 3200, backlogAge: .seconds(130), addRate: 40, dispatchRate: 12, trend: .rising,
          pollers: [ServerPoller(identity: "4242@host", lastAccessAt: now - 1, ratePerSecond: 4, isThisWorker: true)])))
  }
}

/// Stands in for a worker: a snapshot to hand out, and the commands it got.
final class RecordingTarget: ControlTarget {
  private let state = Mutex<(snapshot: WorkerSnapshot, received: [(WorkerCommand, String)])>(
    (ControlFixtures.snapshot(), []))

  func snapshot() -> WorkerSnapshot { self.state.withLock { $0.snapshot } }

  func setLifecycle(_ lifecycle: WorkerLifecycleState) {
    self.state.withLock { $0.snapshot.lifecycle = lifecycle }
  }

  var received: [(WorkerCommand, String)] { self.state.withLock { $0.received } }

  func send(_ command: WorkerCommand, from requester: String) throws(WorkerCommandError) {
    self.state.withLock { $0.received.append((command, requester)) }
    if case .setMaxConcurrentActivities(let value) = command, value < 1 {
      throw WorkerCommandError("Can't set max concurrent activities to \(value): the minimum is 1.")
    }
  }
}
