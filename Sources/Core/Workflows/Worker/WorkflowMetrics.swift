internal import CoreMetrics

/// The workflow side's instruments: counters move as tasks end, gauges are
/// set from its snapshot before a scrape.
struct WorkflowMetrics: Sendable {
  let slotsUsed: Gauge
  let slotsAvailable: Gauge
  let slotsMaximum: Gauge
  let normalPollers: Gauge
  let stickyPollers: Gauge
  let openPolls: Gauge
  let cacheSize: Gauge
  let cacheMaximum: Gauge
  let cacheHits: Counter
  let cacheMisses: Counter
  let tasksCompleted: Counter
  let tasksFailed: Counter
  let nondeterminism: Counter
  let inFlight: Gauge

  init(factory: any MetricsFactory, dimensions: [(String, String)]) {
    func gauge(_ label: String, _ extra: [(String, String)] = []) -> Gauge {
      Gauge(label: label, dimensions: dimensions + extra, factory: factory)
    }
    func counter(_ label: String) -> Counter {
      Counter(label: label, dimensions: dimensions, factory: factory)
    }
    let workflow = [("slot_type", "workflow")]
    self.slotsUsed = gauge("gaffer_worker_slots_used", workflow)
    self.slotsAvailable = gauge("gaffer_worker_slots_available", workflow)
    self.slotsMaximum = gauge("gaffer_worker_slots_max", workflow)
    self.normalPollers = gauge("gaffer_worker_pollers", [("poller_type", "workflow")])
    self.stickyPollers = gauge("gaffer_worker_pollers", [("poller_type", "workflow_sticky")])
    self.openPolls = gauge("gaffer_worker_polls_in_flight", [("poller_type", "workflow")])
    self.cacheSize = gauge("gaffer_workflow_cache_size")
    self.cacheMaximum = gauge("gaffer_workflow_cache_max")
    self.cacheHits = counter("gaffer_workflow_cache_hits_total")
    self.cacheMisses = counter("gaffer_workflow_cache_misses_total")
    self.tasksCompleted = counter("gaffer_workflow_tasks_completed_total")
    self.tasksFailed = counter("gaffer_workflow_tasks_failed_total")
    self.nondeterminism = counter("gaffer_workflow_nondeterminism_errors_total")
    self.inFlight = gauge("gaffer_workflow_tasks_in_flight")
  }

  func publish(_ snapshot: WorkflowTasksSnapshot) {
    self.slotsUsed.record(snapshot.slotsRunning)
    self.slotsAvailable.record(max(0, snapshot.slotsMaximum - snapshot.slotsRunning))
    self.slotsMaximum.record(snapshot.slotsMaximum)
    self.normalPollers.record(snapshot.normalPollers)
    self.stickyPollers.record(snapshot.stickyPollers)
    self.openPolls.record(snapshot.openPolls)
    self.cacheSize.record(snapshot.cacheSize)
    self.cacheMaximum.record(snapshot.cacheMaximum)
    self.inFlight.record(snapshot.inFlight.count)
  }
}
