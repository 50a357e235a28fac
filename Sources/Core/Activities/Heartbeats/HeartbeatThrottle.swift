/// The heartbeat throttle of one activity attempt, as the official SDKs
/// (sdk-core) run it: the first heartbeat goes out at once and opens a
/// window; heartbeats recorded inside the window only replace the pending
/// details; when the window ends the latest pending details go out and open
/// the next window, or, with nothing pending, the window closes and the next
/// heartbeat again goes out at once. When the attempt fails or is cancelled,
/// details still pending are flushed; after a success they are dropped, since
/// the server no longer wants them.
///
/// Plain state: events in, actions out, no clock and no I/O. The owner reads
/// the clock, sends what `.send` says, and calls `windowEnded` when the
/// deadline it was given passes.
struct HeartbeatThrottle: Sendable {
  enum Action: Equatable, Sendable {
    /// Nothing to do now.
    case none
    /// Send these details now, and call `windowEnded` at `windowEndsAt`.
    case send([Payload], windowEndsAt: ContinuousClock.Instant)
    /// Send these details now; the attempt is over, so no window follows.
    case flush([Payload])
  }

  enum Outcome: Sendable {
    case completed
    case failed
    case cancelled
  }

  private enum State: Sendable {
    /// No window open: the next heartbeat goes out at once.
    case idle
    /// A window is open until `endsAt`; `pending` waits for its end.
    case throttling(endsAt: ContinuousClock.Instant, pending: [Payload]?)
    /// The attempt is over; nothing more is sent.
    case finished
  }

  let interval: Duration
  private var state: State = .idle

  /// When the activity last called heartbeat, and when details last went out.
  private(set) var lastRecordedAt: ContinuousClock.Instant?
  private(set) var lastSentAt: ContinuousClock.Instant?

  init(interval: Duration) {
    precondition(interval > .zero, "a heartbeat throttle interval must be positive")
    self.interval = interval
  }

  /// The window length: 80 % of the heartbeat timeout when there is one,
  /// else `defaultInterval`; either way at most `maximumInterval`.
  static func interval(
    heartbeatTimeout: Duration?,
    defaultInterval: Duration = .seconds(30),
    maximumInterval: Duration = .seconds(60)
  ) -> Duration {
    let wanted: Duration
    if let timeout = heartbeatTimeout, timeout > .zero {
      wanted = timeout * 0.8
    } else {
      wanted = defaultInterval
    }
    return min(wanted, maximumInterval)
  }

  /// The details currently waiting for the window to end.
  var pendingDetails: [Payload]? {
    switch self.state {
    case .throttling(_, let pending): pending
    case .idle, .finished: nil
    }
  }

  mutating func heartbeatRecorded(_ details: [Payload], at now: ContinuousClock.Instant) -> Action {
    switch self.state {
    case .idle:
      self.lastRecordedAt = now
      return self.sendAndOpenWindow(details, at: now)
    case .throttling(let endsAt, _):
      self.lastRecordedAt = now
      self.state = .throttling(endsAt: endsAt, pending: details)
      return .none
    case .finished:
      // A heartbeat after the attempt ended (say, from a detached task) has
      // nowhere to go: the task token is spent.
      return .none
    }
  }

  mutating func windowEnded(at now: ContinuousClock.Instant) -> Action {
    switch self.state {
    case .throttling(_, let pending?):
      return self.sendAndOpenWindow(pending, at: now)
    case .throttling(_, nil):
      self.state = .idle
      return .none
    case .idle, .finished:
      // A window timer that fires late, after a flush or a reset, is stale.
      return .none
    }
  }

  mutating func attemptFinished(_ outcome: Outcome) -> Action {
    let pending = self.pendingDetails
    self.state = .finished
    switch outcome {
    case .completed:
      return .none
    case .failed, .cancelled:
      guard let pending else { return .none }
      return .flush(pending)
    }
  }

  private mutating func sendAndOpenWindow(_ details: [Payload], at now: ContinuousClock.Instant) -> Action {
    let endsAt = now + self.interval
    self.state = .throttling(endsAt: endsAt, pending: nil)
    self.lastSentAt = now
    return .send(details, windowEndsAt: endsAt)
  }
}
