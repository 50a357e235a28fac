import Foundation
import GafferCore
import GafferTUI

/// Worker snapshots for golden screens: one fixed instant, made-up but
/// plausible activities, no randomness.
enum SnapshotFixtures {
  static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z

  static func ago(_ seconds: Double) -> Date { now.addingTimeInterval(-seconds) }

  static func json(_ text: String) -> [Payload] {
    [Payload(metadata: ["encoding": Data("json/plain".utf8)], data: Data(text.utf8))]
  }

  static func activity(
    _ index: Int, type: String, started: Double, timeout: Duration? = .seconds(300),
    heartbeatTimeout: Duration? = nil, heartbeats: Int = 0, lastHeartbeat: Double? = nil,
    health: HeartbeatHealth = .notRequired, details: String? = nil, attempt: Int = 1,
    cancellation: ActivityCancellationReason? = nil, workflow: String? = nil
  ) -> InFlightActivity {
    let runID = "7f3c2a10-0000-4000-8000-\(String(format: "%012d", index))"
    let activityID = "\(index)"
    return InFlightActivity(
      id: "\(runID)/\(activityID)/\(attempt)", activityID: activityID, activityType: type,
      workflowID: workflow ?? "order-\(10_000 + index)", workflowRunID: runID, workflowType: "OrderWorkflow",
      attempt: attempt, startedAt: ago(started), deadline: timeout.map { ago(started).addingTimeInterval(Double($0.components.seconds)) },
      startToCloseTimeout: timeout, heartbeatTimeout: heartbeatTimeout,
      heartbeat: InFlightActivity.Heartbeat(
        count: heartbeats, lastRecordedAt: lastHeartbeat.map(ago), lastSentAt: lastHeartbeat.map(ago),
        lastAcknowledgedAt: lastHeartbeat.map(ago), lastDetails: details.map(json), pendingDetails: nil, health: health),
      cancellation: cancellation, cancelRequestedAt: cancellation == nil ? nil : ago(2))
  }

  /// A mixed, busy set: quick ones, heartbeating ones, a late one, a retry.
  static var mixedActivities: [InFlightActivity] {
    [
      activity(1, type: "charge_card", started: 184, heartbeatTimeout: .seconds(30), heartbeats: 61, lastHeartbeat: 2, health: .ok, details: "{\"step\":61,\"of\":100}"),
      activity(2, type: "send_email", started: 95, attempt: 3),
      activity(3, type: "render_invoice_pdf", started: 71, heartbeatTimeout: .seconds(20), heartbeats: 4, lastHeartbeat: 48, health: .late, details: "{\"page\":4}"),
      activity(4, type: "charge_card", started: 40, heartbeatTimeout: .seconds(30), heartbeats: 13, lastHeartbeat: 26, health: .due, details: "{\"step\":13,\"of\":100}"),
      activity(5, type: "sync_inventory", started: 250, timeout: .seconds(280)),
      activity(6, type: "send_email", started: 12),
      activity(7, type: "charge_card", started: 3, heartbeatTimeout: .seconds(30), heartbeats: 1, lastHeartbeat: 1, health: .ok, details: "{\"step\":1,\"of\":100}"),
      activity(8, type: "noop", started: 0.4, timeout: nil),
    ]
  }

  /// The mixed set, with a retry of send_email 2 that the server handed to
  /// this worker while attempt 3 still runs here (its start-to-close timed
  /// out on the server; locally it is inside its 5 s grace).
  static var retryAlongside: [InFlightActivity] {
    var activities = mixedActivities
    activities.append(activity(2, type: "send_email", started: 1, attempt: 4))
    return activities
  }

  /// A thousand in flight: four types, every fourth one heartbeating.
  static var thousandActivities: [InFlightActivity] {
    let types = ["charge_card", "send_email", "sync_inventory", "noop"]
    return (0..<1000).map { index -> InFlightActivity in
      let heartbeating = index % 4 == 0
      let sinceHeartbeat = Double(index % 40)
      let health: HeartbeatHealth = heartbeating ? (sinceHeartbeat >= 30 ? .late : .ok) : .notRequired
      return activity(
        100 + index, type: types[index % 4], started: Double(1000 - index) * 0.7,
        heartbeatTimeout: heartbeating ? .seconds(30) : nil, heartbeats: heartbeating ? 5 : 0,
        lastHeartbeat: heartbeating ? sinceHeartbeat : nil, health: health,
        details: heartbeating ? "{\"step\":\(index)}" : nil)
    }
  }

  static func throughput(completed: (Int) -> Int, failed: (Int) -> Int = { _ in 0 }) -> [ThroughputSample] {
    (0..<300).map { second in
      ThroughputSample(second: ago(Double(299 - second)), completed: completed(second), failed: failed(second))
    }
  }

  /// The server sees this worker and one other on the queue, with no backlog.
  static func serverView(
    backlog: Int = 0, trend: TaskQueueKindView.Trend? = .steady, others: Int = 1, seesThisWorker: Bool = true
  ) -> TaskQueueServerView {
    let this = seesThisWorker ? [ServerPoller(identity: "4242@orders-worker-7f9c", lastAccessAt: ago(0.5), ratePerSecond: 4.2, isThisWorker: true)] : []
    let rest = (0..<others).map { ServerPoller(identity: "\(100 + $0)@orders-worker-\($0)", lastAccessAt: ago(1), ratePerSecond: 4.0, isThisWorker: false) }
    return TaskQueueServerView(
      askedAt: ago(2), answeredAt: ago(2),
      activity: TaskQueueKindView(
        backlog: backlog, backlogAge: backlog > 0 ? .seconds(130) : .zero, addRate: backlog > 0 ? 40 : 4.4,
        dispatchRate: backlog > 0 ? 12 : 4.4, trend: trend, pollers: this + rest))
  }

  static func base(
    lifecycle: WorkerLifecycleState = .running, activities: [InFlightActivity] = mixedActivities,
    slots: SlotUsage? = nil, pollers: PollerGroupSnapshot? = nil, drain: DrainProgress? = nil,
    server: TaskQueueServerView? = serverView()
  ) -> WorkerSnapshot {
    var counters = ActivityCounters()
    counters.received = 12_480
    counters.completed = 12_391
    counters.failed = 57
    counters.cancelled = 24
    let pollers =
      pollers
      ?? PollerGroupSnapshot(
        kind: .activity, configured: 5, inFlight: 5, paused: false, lastPollAt: ago(0.2), lastTaskAt: ago(0.4),
        pollers: Array(repeating: .polling(since: ago(1)), count: 5))
    return WorkerSnapshot(
      takenAt: now, identity: "4242@orders-worker-7f9c", taskQueue: "orders", namespace: "default",
      serverVersion: "1.32.0", workerInstanceKey: "b3e0c1d2", lifecycle: lifecycle, startedAt: ago(3723),
      activityPollers: pollers,
      // Each open poll holds a slot for the task it may bring.
      activitySlots: slots ?? SlotUsage(running: activities.count, reserved: pollers.inFlight, maximum: 20),
      activities: activities, counters: counters,
      throughput: throughput(completed: { ($0 * 7 % 11) + ($0 % 60 < 30 ? 2 : 0) }, failed: { $0 % 37 == 0 ? 1 : 0 }),
      scheduleToStartLatency: LatencySummary(count: 12_480, p50: .milliseconds(4), p99: .milliseconds(38), max: .milliseconds(910)),
      executionLatency: LatencySummary(count: 12_391, p50: .milliseconds(1240), p99: .seconds(41), max: .seconds(190)),
      drain: drain,
      recentEvents: [],
      server: server)
  }

  static let log: [LogLine] = [
    LogLine(at: ago(3723), level: .info, message: "worker started task_queue=orders pollers=5 slots=20"),
    LogLine(at: ago(600), level: .warning, message: "poll failed, retrying in 1.2s: unavailable: connection reset by peer"),
    LogLine(at: ago(95), level: .info, message: "activity slots resized slots.from=10 slots.to=20"),
    LogLine(at: ago(48), level: .warning, message: "activity render_invoice_pdf 3 (order-10003): heartbeat late (48s, timeout 20s)"),
    LogLine(at: ago(5), level: .error, message: "activity send_email 2 (order-10002) failed, attempt 3: SMTPError: 421 try again later"),
    LogLine(at: ago(1), level: .debug, message: "heartbeat sent activity=1 details={\"step\":61,\"of\":100}"),
  ]
}
