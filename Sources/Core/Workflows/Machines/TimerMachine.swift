internal import TemporalAPI

/// One durable timer, from its StartTimer command to TimerFired or its
/// cancellation. Events in, resolutions out, no I/O.
struct TimerMachine: Sendable {
  enum Phase: Sendable, Equatable {
    case commandCreated
    case started
    case resolved
  }

  let seq: Int
  let timerID: String
  private(set) var phase: Phase = .commandCreated

  init(seq: Int) {
    self.seq = seq
    self.timerID = String(seq)
  }

  enum CancelAction: Sendable, Equatable {
    case none
    /// Never sent: drop the StartTimer command.
    case dropCommand
    /// Send CancelTimer.
    case cancelTimer
  }

  /// Cancelling resolves the timer for the code at once, whatever is sent.
  mutating func cancel() -> CancelAction {
    switch self.phase {
    case .resolved: return .none
    case .commandCreated:
      self.phase = .resolved
      return .dropCommand
    case .started:
      self.phase = .resolved
      return .cancelTimer
    }
  }

  mutating func started() {
    if self.phase == .commandCreated { self.phase = .started }
  }

  /// TimerFired: true if the code still waits for it.
  mutating func fired() -> Bool {
    guard self.phase != .resolved else { return false }
    self.phase = .resolved
    return true
  }
}
