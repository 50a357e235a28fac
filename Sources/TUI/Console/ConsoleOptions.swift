internal import Foundation

/// How the console runs. Every option can also come from the environment
/// (`init(environment:)`), so a deployed worker is configured without flags.
public struct ConsoleOptions: Hashable, Sendable {
  /// `GAFFER_CONSOLE`: auto, on or off.
  public var preference: ConsolePreference = .auto
  /// `GAFFER_THEME`: a built-in theme name or a path to a YAML theme file.
  public var theme = "default"
  /// `GAFFER_CONSOLE_READ_ONLY=1`: no key changes the worker.
  public var readOnly = false
  /// `GAFFER_LOG_FILE`: also append log lines to this file.
  public var logFile: String?
  /// Redraws per second while nothing happens (4–10); keys redraw at once.
  public var framesPerSecond = 5
  /// Whether `Console.run()` catches SIGINT, SIGTERM and SIGHUP itself. Turn
  /// it off when a `ServiceGroup` owns the signals: its graceful shutdown
  /// then reaches the console as the first interrupt.
  public var handlesSignals = true

  public init() {}

  /// Reads the variables above; a bad value is an error naming it.
  public init(environment: [String: String]) throws(ConsoleConfigurationError) {
    func value(_ name: String) -> String? {
      guard let text = environment[name], !text.isEmpty else { return nil }
      return text
    }
    if let text = value("GAFFER_CONSOLE") {
      guard let preference = ConsolePreference(rawValue: text.lowercased()) else {
        throw ConsoleConfigurationError("GAFFER_CONSOLE='\(text)' is not valid: use auto, on or off.")
      }
      self.preference = preference
    }
    if let text = value("GAFFER_THEME") { self.theme = text }
    if let text = value("GAFFER_CONSOLE_READ_ONLY") {
      switch text.lowercased() {
      case "1", "true", "yes": self.readOnly = true
      case "0", "false", "no": self.readOnly = false
      default: throw ConsoleConfigurationError("GAFFER_CONSOLE_READ_ONLY='\(text)' is not valid: use 1 or 0.")
      }
    }
    self.logFile = value("GAFFER_LOG_FILE")
  }

  /// Resolves `theme`, falling back to mono when colour is off.
  public func resolvedTheme(noColor: Bool) throws(ThemeError) -> Theme {
    noColor ? try Theme.load("mono") : try Theme.load(self.theme)
  }
}

/// A console option that can't be used; the message names it.
public struct ConsoleConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { self.message }
}

extension ConsoleOptions {
  /// The theme to draw with, honouring `NO_COLOR`, and whether colour is off.
  func themeForDrawing() throws(ThemeError) -> (theme: Theme, noColor: Bool) {
    let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    return (try self.resolvedTheme(noColor: noColor), noColor)
  }
}
