public import Foundation

/// How far a graceful shutdown has got.
public struct DrainProgress: Hashable, Sendable, Codable {
  public var phase: Phase
  public var startedAt: Date
  /// When the grace period ends and running activities are cancelled.
  public var deadline: Date
  public var inFlightAtStart: Int
  public var remaining: Int

  public enum Phase: String, Hashable, Sendable, Codable {
    /// Polling stopped; running activities may finish until the deadline.
    case waitingForActivities = "waiting for activities"
    /// The grace period is over (or shutdown was forced): the rest were
    /// cancelled and their reports are going out.
    case cancelling
    /// Nothing left; `run()` is returning.
    case finished
  }

  public init(
    phase: Phase,
    startedAt: Date,
    deadline: Date,
    inFlightAtStart: Int,
    remaining: Int
  ) {
    self.phase = phase
    self.startedAt = startedAt
    self.deadline = deadline
    self.inFlightAtStart = inFlightAtStart
    self.remaining = remaining
  }
}
