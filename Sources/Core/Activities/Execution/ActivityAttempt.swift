internal import Foundation
internal import Synchronization

/// The live state of one running activity attempt, shared by its body (via
/// `ActivityContext`), its heartbeat sender, its timeout watcher, the
/// worker's commands and snapshots. Each attempt has its own lock, so
/// heartbeats of many activities never contend with each other.
final class ActivityAttempt: Sendable {
  struct HeartbeatWindow: Sendable {
    var details: [Payload]
    var windowEndsAt: ContinuousClock.Instant
  }

  private struct State: Sendable {
    var throttle: HeartbeatThrottle
    var heartbeatCount = 0
    var lastDetails: [Payload]?
    var lastAcknowledgedAt: ContinuousClock.Instant?
    var cancelRequestedAt: ContinuousClock.Instant?
    var abandonedAt: ContinuousClock.Instant?
  }

  /// What snapshots and `WorkerCommand.cancelActivity` call it:
  /// `<run id>/<activity id>/<attempt>`. A retry that lands on this worker
  /// while the earlier attempt still runs here gets an id of its own.
  let id: String
  let task: ActivityTask
  let startedAt: ContinuousClock.Instant
  let startedDate: Date
  let throttleInterval: Duration
  /// Fired once with the first reason the attempt is cancelled for.
  let cancellation = OnceSignal<ActivityCancellationReason>()

  private let state: Mutex<State>
  /// Heartbeats to send now, in order; read by the attempt's heartbeat sender.
  let heartbeatsToSend: AsyncStream<HeartbeatWindow>
  private let heartbeatSink: AsyncStream<HeartbeatWindow>.Continuation

  init(task: ActivityTask, throttleInterval: Duration, startedAt: ContinuousClock.Instant, startedDate: Date) {
    self.id = "\(task.info.workflowRunID)/\(task.info.activityID)/\(task.info.attempt)"
    self.task = task
    self.startedAt = startedAt
    self.startedDate = startedDate
    self.throttleInterval = throttleInterval
    self.state = Mutex(State(throttle: HeartbeatThrottle(interval: throttleInterval)))
    (self.heartbeatsToSend, self.heartbeatSink) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
  }

  var info: ActivityInfo { self.task.info }

  // MARK: Heartbeats

  func heartbeatRecorded(_ details: [Payload], at now: ContinuousClock.Instant) {
    let action = self.state.withLock { state in
      state.heartbeatCount += 1
      state.lastDetails = details
      return state.throttle.heartbeatRecorded(details, at: now)
    }
    if case .send(let details, let windowEndsAt) = action {
      self.heartbeatSink.yield(HeartbeatWindow(details: details, windowEndsAt: windowEndsAt))
    }
  }

  /// The throttle window ended: the details to send now, if any arrived in it.
  func heartbeatWindowEnded(at now: ContinuousClock.Instant) -> HeartbeatWindow? {
    let action = self.state.withLock { $0.throttle.windowEnded(at: now) }
    if case .send(let details, let windowEndsAt) = action {
      return HeartbeatWindow(details: details, windowEndsAt: windowEndsAt)
    }
    return nil
  }

  func heartbeatAcknowledged(at now: ContinuousClock.Instant) {
    self.state.withLock { $0.lastAcknowledgedAt = now }
  }

  /// The body is done: stop the heartbeat stream and return the details
  /// to flush, if the outcome calls for it.
  func finish(_ outcome: HeartbeatThrottle.Outcome) -> [Payload]? {
    let action = self.state.withLock { $0.throttle.attemptFinished(outcome) }
    self.heartbeatSink.finish()
    if case .flush(let details) = action { return details }
    return nil
  }

  /// The details of the last heartbeat recorded, sent or not: reported with
  /// a failure so the next attempt can resume from them.
  var lastHeartbeatDetails: [Payload]? { self.state.withLock { $0.lastDetails } }

  /// When the server last heard from this attempt: its last acknowledged
  /// heartbeat, or its start.
  var lastHeardAt: ContinuousClock.Instant {
    self.state.withLock { $0.lastAcknowledgedAt } ?? self.startedAt
  }

  // MARK: Cancellation

  /// Asks the body to stop. The first reason wins; returns false if the
  /// attempt was already cancelled.
  @discardableResult
  func cancel(_ reason: ActivityCancellationReason, at now: ContinuousClock.Instant) -> Bool {
    let first = self.cancellation.fire(reason)
    if first { self.state.withLock { $0.cancelRequestedAt = now } }
    return first
  }

  /// The worker stopped waiting for the body (see `ActivityBodyRun`).
  func markAbandoned(at now: ContinuousClock.Instant) {
    self.state.withLock { $0.abandonedAt = now }
  }

  var abandonedAt: ContinuousClock.Instant? { self.state.withLock { $0.abandonedAt } }

  /// The heartbeat response's flags, ranked as the official SDKs rank them:
  /// a real cancel request, then reset, then pause.
  func serverRequested(cancel: Bool, reset: Bool, paused: Bool, at now: ContinuousClock.Instant) {
    let reason: ActivityCancellationReason? = cancel ? .cancelRequested : (reset ? .reset : (paused ? .paused : nil))
    if let reason { self.cancel(reason, at: now) }
  }

  // MARK: Snapshot

  func snapshot(now: ContinuousClock.Instant, nowDate: Date) -> InFlightActivity {
    let state = self.state.withLock { $0 }
    func date(_ instant: ContinuousClock.Instant?) -> Date? {
      instant.map { nowDate.addingTimeInterval(-(now - $0).seconds) }
    }
    let info = self.task.info
    let heartbeat = InFlightActivity.Heartbeat(
      count: state.heartbeatCount,
      lastRecordedAt: date(state.throttle.lastRecordedAt),
      lastSentAt: date(state.throttle.lastSentAt),
      lastAcknowledgedAt: date(state.lastAcknowledgedAt),
      lastDetails: state.lastDetails,
      pendingDetails: state.throttle.pendingDetails,
      health: HeartbeatHealth(
        timeout: info.heartbeatTimeout, throttleInterval: self.throttleInterval,
        sinceLastHeard: now - (state.lastAcknowledgedAt ?? self.startedAt)))
    return InFlightActivity(
      id: self.id,
      activityID: info.activityID,
      activityType: info.activityType,
      workflowID: info.workflowID,
      workflowRunID: info.workflowRunID,
      workflowType: info.workflowType,
      attempt: info.attempt,
      startedAt: self.startedDate,
      deadline: info.deadline,
      startToCloseTimeout: info.startToCloseTimeout,
      heartbeatTimeout: info.heartbeatTimeout,
      heartbeat: heartbeat,
      cancellation: self.cancellation.value,
      cancelRequestedAt: date(state.cancelRequestedAt),
      abandonedAt: date(state.abandonedAt))
  }
}
