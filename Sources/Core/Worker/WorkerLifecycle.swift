/// The worker's lifecycle as plain state: events in, actions out, no I/O.
/// starting → running ⇄ paused → draining → stopped, or failed from any
/// state before stopped. The worker performs the actions after leaving its lock.
struct WorkerLifecycle: Sendable {
  enum Action: Equatable, Sendable {
    case none
    /// Stop issuing polls (pause).
    case stopPolling
    /// Issue polls again (resume).
    case resumePolling
    /// Begin a graceful shutdown: stop polling, tell the server, start the grace timer.
    case beginDrain
    /// Cancel every running activity now: the grace period is over. Their
    /// reports are still retried until each attempt's deadline.
    case cancelRemaining
    /// A forced shutdown (a second request, or the caller cancelled):
    /// cancel whatever still runs, if not done yet, and bound every wait
    /// left — report retries, bodies that ignore cancellation — to a few
    /// seconds.
    case forceRemaining
    /// Begin the drain and force it at once: a forced shutdown of a worker
    /// that was not draining yet.
    case beginDrainAndForce
    /// The command does not apply in this state; the text says why.
    case rejected(String)
  }

  private(set) var state: WorkerLifecycleState = .starting
  /// True once running activities have been told to stop.
  private(set) var cancelling = false
  /// True once the shutdown was forced.
  private(set) var forced = false

  var isShuttingDown: Bool {
    switch self.state {
    case .draining, .stopped, .failed: true
    case .starting, .running, .paused: false
    }
  }

  mutating func runStarted() -> Action {
    switch self.state {
    case .starting:
      self.state = .running
      return .none
    case .paused, .draining:
      // Paused or asked to shut down before polling began: keep that.
      return .none
    case .running, .stopped, .failed:
      preconditionFailure("run() started twice; Worker guards against this")
    }
  }

  mutating func pauseRequested() -> Action {
    switch self.state {
    case .starting, .running:
      self.state = .paused
      return .stopPolling
    case .paused:
      return .none
    case .draining, .stopped, .failed:
      return .rejected("the worker is \(self.state) and no longer polls")
    }
  }

  mutating func resumeRequested() -> Action {
    switch self.state {
    case .paused:
      self.state = .running
      return .resumePolling
    case .starting, .running:
      return .none
    case .draining, .stopped, .failed:
      return .rejected("the worker is \(self.state); a shutdown can't be undone")
    }
  }

  mutating func shutdownRequested() -> Action {
    switch self.state {
    case .starting, .running, .paused:
      self.state = .draining
      return .beginDrain
    case .draining:
      // Asked twice: the operator wants out now.
      return self.forceOnce()
    case .stopped, .failed:
      return .none
    }
  }

  mutating func forceShutdownRequested() -> Action {
    switch self.state {
    case .starting, .running, .paused:
      self.state = .draining
      self.cancelling = true
      self.forced = true
      return .beginDrainAndForce
    case .draining:
      return self.forceOnce()
    case .failed:
      // A failed worker still drains what runs; a force bounds that too.
      return self.forceOnce()
    case .stopped:
      return .none
    }
  }

  mutating func gracePeriodEnded() -> Action {
    switch self.state {
    case .draining:
      return self.cancelOnce()
    case .starting, .running, .paused, .stopped, .failed:
      return .none
    }
  }

  mutating func drained() {
    switch self.state {
    case .draining, .running, .paused, .starting:
      self.state = .stopped
    case .stopped, .failed:
      break
    }
  }

  /// Something the worker can't recover from (the server refuses its
  /// namespace or credentials): stop polling and drain what runs.
  mutating func failureOccurred(_ reason: String) -> Action {
    switch self.state {
    case .starting, .running, .paused:
      self.state = .failed(reason)
      return .beginDrain
    case .draining:
      self.state = .failed(reason)
      return .none
    case .stopped, .failed:
      return .none
    }
  }

  private mutating func forceOnce() -> Action {
    guard !self.forced else { return .none }
    self.forced = true
    self.cancelling = true
    return .forceRemaining
  }

  private mutating func cancelOnce() -> Action {
    guard !self.cancelling else { return .none }
    self.cancelling = true
    return .cancelRemaining
  }
}
