public import Foundation

/// The pollers of one task kind, as a snapshot shows them.
public struct PollerGroupSnapshot: Hashable, Sendable, Codable {
  public var kind: TaskKind
  /// How many pollers should run: the fixed number, or the autoscaler's
  /// current target. `pollers.count` is how many run now.
  public var configured: Int
  /// The autoscaler's bounds; nil for a fixed number of pollers.
  public var autoscaling: ClosedRange<Int>?
  /// Long polls waiting on the server right now.
  public var inFlight: Int
  public var paused: Bool
  public var lastPollAt: Date?
  /// When a poll last returned a task.
  public var lastTaskAt: Date?
  public var lastError: String?
  public var lastErrorAt: Date?
  /// While backing off after errors: when polling resumes.
  public var backoffUntil: Date?
  /// Each running poller, by index.
  public var pollers: [PollerState]

  public enum TaskKind: String, Hashable, Sendable, Codable {
    case activity
    case workflow
  }

  public init(
    kind: TaskKind,
    configured: Int,
    inFlight: Int,
    paused: Bool,
    lastPollAt: Date? = nil,
    lastTaskAt: Date? = nil,
    lastError: String? = nil,
    lastErrorAt: Date? = nil,
    backoffUntil: Date? = nil,
    pollers: [PollerState] = [],
    autoscaling: ClosedRange<Int>? = nil
  ) {
    self.kind = kind
    self.configured = configured
    self.autoscaling = autoscaling
    self.inFlight = inFlight
    self.paused = paused
    self.lastPollAt = lastPollAt
    self.lastTaskAt = lastTaskAt
    self.lastError = lastError
    self.lastErrorAt = lastErrorAt
    self.backoffUntil = backoffUntil
    self.pollers = pollers
  }
}

/// What one poller is doing.
public enum PollerState: Hashable, Sendable, Codable {
  /// Waiting for a free slot before it polls.
  case waitingForSlot
  /// Holding a slot, waiting for the worker's rate limit.
  case rateLimited(until: Date)
  /// A long poll is open on the server.
  case polling(since: Date)
  /// Waiting after an error before polling again.
  case backingOff(until: Date, error: String)
  /// Polling is paused.
  case paused
  /// Stopped (shutting down, or more pollers than configured).
  case stopped
}
