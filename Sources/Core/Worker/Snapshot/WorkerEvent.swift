public import Foundation

/// Something that happened to the worker, kept in a bounded ring for the
/// console: state changes, commands, poll errors, reports that failed.
public struct WorkerEvent: Hashable, Sendable, Codable {
  public var at: Date
  public var level: Level
  public var message: String

  public enum Level: String, Hashable, Sendable, Codable {
    case info
    case warning
    case error
  }

  public init(
    at: Date,
    level: Level,
    message: String
  ) {
    self.at = at
    self.level = level
    self.message = message
  }
}
