public import Foundation

/// Outcomes in one second of wall time, for rates and sparklines.
public struct ThroughputSample: Hashable, Sendable, Codable {
  /// The start of the second.
  public var second: Date
  public var completed: Int
  public var failed: Int

  public init(
    second: Date,
    completed: Int,
    failed: Int
  ) {
    self.second = second
    self.completed = completed
    self.failed = failed
  }
}
