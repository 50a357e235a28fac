internal import Foundation

extension WorkflowTaskWorker {
  func snapshot() -> WorkflowTasksSnapshot {
    let state = self.state.withLock { $0 }
    let cache = self.cache.withLock { cache in
      (
        size: cache.count, maximum: cache.capacity, hits: cache.hits, misses: cache.misses,
        evictions: Dictionary(uniqueKeysWithValues: cache.evictions.map { ($0.key.rawValue, $0.value) })
      )
    }
    let slots = self.slots.usage
    let split = self.options.pollerSplit
    return WorkflowTasksSnapshot(
      registeredTypes: self.workflows.keys.sorted(), stickyQueue: self.stickyQueue, normalPollers: split.normal,
      stickyPollers: split.sticky, openPolls: state.openPolls, paused: state.paused, slotsMaximum: slots.maximum,
      slotsRunning: slots.running, cacheSize: cache.size, cacheMaximum: cache.maximum, cacheHits: cache.hits,
      cacheMisses: cache.misses, cacheEvictions: cache.evictions, counters: state.counters,
      inFlight: state.inFlight.values.sorted { ($0.startedAt, $0.workflowID) < ($1.startedAt, $1.workflowID) },
      recentFailures: state.recentFailures)
  }
}
