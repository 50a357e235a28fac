/// The runs a worker keeps between their workflow tasks, so a sticky task
/// applies only its new events: at most `capacity`, least recently used
/// evicted first; 0 keeps none. A plain struct: the worker locks it.
struct WorkflowRunCache<Run>: Sendable where Run: Sendable {
  enum EvictionReason: String, Sendable, CaseIterable {
    /// The cache was full.
    case full
    /// The workflow closed.
    case closed
    /// Its workflow task failed (nondeterminism, a throw).
    case taskFailed = "task failed"
    /// The server refused the completion, or history could not be fetched.
    case serverRefused = "server refused"
    /// Its new events did not follow the cached ones.
    case historyGap = "history gap"
  }

  private struct Entry {
    var run: Run
    var lastUse: UInt64
  }

  private(set) var capacity: Int
  private var entries: [String: Entry] = [:]
  private var clock: UInt64 = 0
  private(set) var hits = 0
  private(set) var misses = 0
  private(set) var evictions: [EvictionReason: Int] = [:]

  init(capacity: Int) {
    precondition(capacity >= 0, "a cache capacity is 0 or more")
    self.capacity = capacity
  }

  var count: Int { self.entries.count }

  /// Takes a run out for a workflow task; it goes back with `put`. A run's
  /// first task is neither hit nor miss: there was nothing to cache yet.
  mutating func take(runID: String, isFirstTask: Bool = false) -> Run? {
    if let entry = self.entries.removeValue(forKey: runID) {
      self.hits += 1
      return entry.run
    }
    if !isFirstTask { self.misses += 1 }
    return nil
  }

  /// Keeps a run after its task; returns the runs evicted to make room
  /// (the run itself when the capacity is 0).
  @discardableResult
  mutating func put(_ run: Run, runID: String) -> [Run] {
    guard self.capacity > 0 else {
      self.evictions[.full, default: 0] += 1
      return [run]
    }
    self.clock += 1
    self.entries[runID] = Entry(run: run, lastUse: self.clock)
    var evicted: [Run] = []
    while self.entries.count > self.capacity,
      let oldest = self.entries.min(by: { $0.value.lastUse < $1.value.lastUse })
    {
      self.entries[oldest.key] = nil
      self.evictions[.full, default: 0] += 1
      evicted.append(oldest.value.run)
    }
    return evicted
  }

  /// Counts a run dropped for `reason` (it was taken out and not put back).
  mutating func recordEviction(_ reason: EvictionReason) {
    self.evictions[reason, default: 0] += 1
  }
}
