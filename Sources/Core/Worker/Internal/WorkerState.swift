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
  var counters = ActivityCounters()
  var throughput = ThroughputRing(seconds: 300)
  var scheduleToStart = LatencyRecorder()
  var execution = LatencyRecorder()

  // Shutdown and history
  var drain: DrainProgress?
  var events: EventRing

  init(options: WorkerOptions, namespaceAutoscales: Bool = false) {
    self.pollerScaler = PollerScaler(options.activityPollerBehavior, namespaceAutoscales: namespaceAutoscales)
    self.rateLimiter = options.maxActivitiesPerSecond.map { TokenBucket(rate: $0) }
    self.events = EventRing(capacity: options.recentEventCapacity)
  }

  mutating func record(_ level: WorkerEvent.Level, _ message: String, at date: Date = Date()) {
    self.events.append(WorkerEvent(at: date, level: level, message: message))
  }

  /// True when shutdown has begun, polling has ended and nothing is left to run or report.
  var isDrained: Bool { self.lifecycle.isShuttingDown && self.pollingFinished && self.outstanding == 0 }

  mutating func takeWaiters() -> [@Sendable () -> Void] {
    defer { self.pollerWaiters = [:] }
    return Array(self.pollerWaiters.values)
  }
}
