internal import Foundation

/// Everything about a running worker that snapshots read and commands
/// change, kept under the worker's one lock. Plain data; the worker does
/// the waking, sleeping and I/O.
struct WorkerState: Sendable {
  var lifecycle = WorkerLifecycle()
  var startedAt: Date?
  var runStarted = false

  // Pollers
  var pollerScaler: PollerScaler
  /// How many pollers should run now.
  var configuredPollers: Int { self.pollerScaler.target }
  /// The pollers that are running, by index.
  var pollers: [Int: PollerState] = [:]
  var pollsInFlight = 0
  var lastPollAt: Date?
  var lastTaskAt: Date?
  var lastError: String?
  var lastErrorAt: Date?
  /// Pollers parked while paused or surplus, woken when that changes.
  var pollerWaiters: [UInt64: @Sendable () -> Void] = [:]
  var nextWaiter: UInt64 = 0
  var rateLimiter: TokenBucket?

  // Activities
  /// By task token: the server's name for exactly one attempt, so two
  /// attempts of one activity (a retry landing here while the earlier one
  /// is still inside its local timeout) never share an entry.
  var attempts: [Data: ActivityAttempt] = [:]
  /// Tasks received and not yet finished with (reported, dropped or abandoned).
  var outstanding = 0
  var pollingFinished = false
  /// The workflow side has stopped (or there is none): no completion can
  /// bring an eager activity any more.
  var workflowTasksFinished: Bool
  var counters = ActivityCounters()
  var throughput = ThroughputRing(seconds: 300)
  var scheduleToStart = LatencyRecorder()
  var execution = LatencyRecorder()

  // Shutdown and history
  var drain: DrainProgress?
  var events: EventRing

  init(options: WorkerOptions, namespaceAutoscales: Bool = false, hasWorkflowTasks: Bool = false) {
    self.workflowTasksFinished = !hasWorkflowTasks
    self.pollerScaler = PollerScaler(options.activityPollerBehavior, namespaceAutoscales: namespaceAutoscales)
    self.rateLimiter = options.maxActivitiesPerSecond.map { TokenBucket(rate: $0) }
    self.events = EventRing(capacity: options.recentEventCapacity)
  }

  mutating func record(_ level: WorkerEvent.Level, _ message: String, at date: Date = Date()) {
    self.events.append(WorkerEvent(at: date, level: level, message: message))
  }

  /// True when shutdown has begun, polling has ended (activity pollers and
  /// the workflow side) and nothing is left to run or report.
  var isDrained: Bool {
    self.lifecycle.isShuttingDown && self.pollingFinished && self.workflowTasksFinished && self.outstanding == 0
  }

  /// A task reached the worker: a poll's, or an eager one.
  mutating func received(_ task: ActivityTask, scheduleToStart: Duration?, eager: Bool) {
    self.lastTaskAt = Date()
    self.outstanding += 1
    self.counters.received += 1
    if eager { self.counters.eager += 1 }
    if task.info.attempt > 1 { self.counters.retries += 1 }
    self.counters.peakInFlight = max(self.counters.peakInFlight, self.outstanding)
    if let scheduleToStart { self.scheduleToStart.record(scheduleToStart) }
  }

  mutating func takeWaiters() -> [@Sendable () -> Void] {
    defer { self.pollerWaiters = [:] }
    return Array(self.pollerWaiters.values)
  }
}
