public import Foundation

/// One line of the worker's log, as the log pane shows it.
public struct LogLine: Hashable, Sendable {
  public var at: Date
  public var level: Level
  public var message: String

  public init(at: Date, level: Level, message: String) {
    self.at = at
    self.level = level
    self.message = message
  }

  public enum Level: String, Hashable, Sendable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
  }
}
