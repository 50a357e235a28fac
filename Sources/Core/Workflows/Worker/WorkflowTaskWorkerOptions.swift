/// How the workflow side of a worker runs: its pollers, slots and cache.
struct WorkflowTaskWorkerOptions: Sendable {
  var taskQueue: String
  var namespace: String
  var identity: String
  var workerInstanceKey: String
  var pollers: Int
  var maxConcurrentTasks: Int
  var maxCachedWorkflows: Int
  var pollTimeout: Duration
  /// At most this many eager activities per completion; 0: none.
  var maxEagerActivities = 0

  /// The official split: a fifth of the pollers (at least 1) on the normal
  /// queue, the rest on the sticky one; all normal without a cache.
  var pollerSplit: (normal: Int, sticky: Int) {
    guard self.maxCachedWorkflows > 0 else { return (max(self.pollers, 1), 0) }
    let normal = max(1, Int(Double(self.pollers) * 0.2))
    return (normal, max(1, self.pollers - normal))
  }
}
