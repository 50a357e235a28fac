internal import CoreMetrics
internal import Synchronization

/// The worker's swift-metrics instruments. Counters and timers move as
/// things happen; gauges are set from a snapshot by
/// `Worker.publishMetricGauges()`, which an exporter calls before each scrape.
final class WorkerMetrics: Sendable {
  struct PerType: Sendable {
    let started: Counter
    let completed: Counter
    let failed: Counter
    let cancelled: Counter
    let execution: CoreMetrics.Timer
  }

  private let factory: any MetricsFactory
  private let dimensions: [(String, String)]
  /// Registered types are made up front; others (tasks for types this worker
  /// lacks) on first sight, up to `ActivityCounters.maximumTypes` of them,
  /// then all under one `activity_type="_other"` series.
  private let registered: [String: PerType]
  private let unregistered = Mutex<[String: PerType]>([:])
  private let otherTypes: PerType

  let scheduleToStart: CoreMetrics.Timer
  let heartbeatsSent: Counter
  /// Activities a workflow task's completion started here (no poll).
  let eagerStarted: Counter
  let heartbeatsFailed: Counter
  /// Slots activities run in (sdk-core's "used").
  let slotsUsed: Gauge
  /// Of the available slots, those pollers hold for their open polls.
  let slotsReserved: Gauge
  let slotsAvailable: Gauge
  let slotsMaximum: Gauge
  let pollers: Gauge
  let pollsInFlight: Gauge
  let draining: Gauge
  let drainRemaining: Gauge
  let lifecycle: [(state: String, gauge: Gauge)]
  let workflows: WorkflowMetrics

  init(factory: any MetricsFactory, taskQueue: String, namespace: String, activityTypes: [String]) {
    let dimensions = [("namespace", namespace), ("task_queue", taskQueue)]
    self.factory = factory
    self.dimensions = dimensions
    self.registered = Dictionary(
      uniqueKeysWithValues: activityTypes.map { ($0, Self.perType($0, dimensions: dimensions, factory: factory)) })
    self.otherTypes = Self.perType("_other", dimensions: dimensions, factory: factory)
    func counter(_ label: String, _ extra: [(String, String)] = []) -> Counter {
      Counter(label: label, dimensions: dimensions + extra, factory: factory)
    }
    func gauge(_ label: String, _ extra: [(String, String)] = []) -> Gauge {
      Gauge(label: label, dimensions: dimensions + extra, factory: factory)
    }
    let activity = [("slot_type", "activity")]
    self.scheduleToStart = CoreMetrics.Timer(
      label: "gaffer_activity_schedule_to_start_seconds", dimensions: dimensions, factory: factory)
    self.heartbeatsSent = counter("gaffer_activity_heartbeats_sent_total")
    self.eagerStarted = counter("gaffer_activities_eager_total")
    self.heartbeatsFailed = counter("gaffer_activity_heartbeats_failed_total")
    self.slotsUsed = gauge("gaffer_worker_slots_used", activity)
    self.slotsReserved = gauge("gaffer_worker_slots_reserved", activity)
    self.slotsAvailable = gauge("gaffer_worker_slots_available", activity)
    self.slotsMaximum = gauge("gaffer_worker_slots_max", activity)
    self.pollers = gauge("gaffer_worker_pollers", [("poller_type", "activity")])
    self.pollsInFlight = gauge("gaffer_worker_polls_in_flight", [("poller_type", "activity")])
    self.draining = gauge("gaffer_worker_draining")
    self.drainRemaining = gauge("gaffer_worker_drain_remaining")
    self.lifecycle = ["starting", "running", "paused", "draining", "stopped", "failed"].map {
      ($0, gauge("gaffer_worker_state", [("state", $0)]))
    }
    self.workflows = WorkflowMetrics(factory: factory, dimensions: dimensions)
  }

  private static func perType(_ type: String, dimensions: [(String, String)], factory: any MetricsFactory) -> PerType {
    let dimensions = dimensions + [("activity_type", type)]
    return PerType(
      started: Counter(label: "gaffer_activities_started_total", dimensions: dimensions, factory: factory),
      completed: Counter(label: "gaffer_activities_completed_total", dimensions: dimensions, factory: factory),
      failed: Counter(label: "gaffer_activities_failed_total", dimensions: dimensions, factory: factory),
      cancelled: Counter(label: "gaffer_activities_cancelled_total", dimensions: dimensions, factory: factory),
      execution: CoreMetrics.Timer(label: "gaffer_activity_execution_seconds", dimensions: dimensions, factory: factory))
  }

  func activity(_ type: String) -> PerType {
    if let known = self.registered[type] { return known }
    return self.unregistered.withLock { made in
      if let existing = made[type] { return existing }
      guard made.count < ActivityCounters.maximumTypes else { return self.otherTypes }
      let new = Self.perType(type, dimensions: self.dimensions, factory: self.factory)
      made[type] = new
      return new
    }
  }

  /// How many types this worker doesn't run have series of their own.
  var unregisteredTypeCount: Int { self.unregistered.withLock { $0.count } }

  func publish(_ snapshot: WorkerSnapshot) {
    let slots = snapshot.activitySlots
    // As sdk-core's worker_task_slots_used / _available: used + available
    // = max, and a slot an open poll holds is available (no task runs in
    // it); reserved says how many of those the polls hold.
    self.slotsUsed.record(slots.running)
    self.slotsReserved.record(slots.reserved)
    self.slotsAvailable.record(max(0, slots.maximum - slots.running))
    self.slotsMaximum.record(slots.maximum)
    self.pollers.record(snapshot.activityPollers.pollers.count)
    self.pollsInFlight.record(snapshot.activityPollers.inFlight)
    let drain = snapshot.drain
    self.draining.record(drain != nil && drain?.phase != .finished ? 1 : 0)
    self.drainRemaining.record(drain?.remaining ?? 0)
    let current = snapshot.lifecycle.name
    for (state, gauge) in self.lifecycle { gauge.record(state == current ? 1 : 0) }
    if let workflows = snapshot.workflows { self.workflows.publish(workflows) }
  }
}
