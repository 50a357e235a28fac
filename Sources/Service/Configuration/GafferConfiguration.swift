public import GafferCore
public import GafferTUI
public import Logging
public import GafferControl
internal import Foundation

/// Everything a Gaffer worker process is configured with: the connection,
/// the task queue, the worker's options, the console, the HTTP port and
/// logging. Built from flags, the environment and defaults, in that order
/// of precedence; `entries` says which one each value came from.
///
/// ```swift
/// let configuration = try GafferConfiguration(environment: ProcessInfo.processInfo.environment)
/// ```
public struct GafferConfiguration: Sendable {
  public var connection: ConnectionOptions
  /// Nil when none was given; a worker needs one.
  public var taskQueue: String?
  public var worker: WorkerOptions
  public var console: ConsoleOptions
  /// Where /health, /ready and /metrics listen; nil: not served.
  public var http: HTTPEndpoint?
  /// Where the control socket listens (`gaffer attach`); nil: not served.
  public var controlSocket: ControlSocketPath.Location?
  public var logFormat: LogFormat
  public var logLevel: Logger.Level
  /// Every setting in `ConfigurationSetting.all` order, with its effective
  /// value (secrets masked) and where it came from.
  public private(set) var entries: [Entry]

  public struct HTTPEndpoint: Hashable, Sendable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
      self.host = host
      self.port = port
    }
  }

  public struct Entry: Hashable, Sendable {
    public var setting: ConfigurationSetting
    public var value: String
    public var source: ConfigurationSource
  }

  /// - Parameters:
  ///   - environment: usually `ProcessInfo.processInfo.environment`; empty
  ///     values count as unset.
  ///   - flags: values given on the command line, keyed by variable name.
  ///   - defaults: a program's own defaults, keyed by variable name (the
  ///     bench worker's 1,000 slots, the demo's task queue).
  /// - Throws: `ConfigurationError`, one line naming the variable or flag,
  ///   the value and what is allowed.
  public init(
    environment: [String: String],
    flags: [String: String] = [:],
    defaults: [String: String] = [:]
  ) throws(ConfigurationError) {
    var raw: [String: String] = [:]
    var sources: [String: ConfigurationSource] = [:]
    for setting in ConfigurationSetting.all {
      let name = setting.variable
      if let value = flags[name] {
        (raw[name], sources[name]) = (value, .flag)
      } else if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
        (raw[name], sources[name]) = (value, .environment)
      } else if let value = defaults[name] {
        (raw[name], sources[name]) = (value, .default)
      }
    }
    let parser = SettingParser(raw: raw, sources: sources)

    self.connection = try parser.connection()
    self.taskQueue = raw["TEMPORAL_TASK_QUEUE"]
    do {
      self.worker = try WorkerOptions(environment: raw)
    } catch {
      throw parser.attributed(error.message)
    }
    do {
      self.console = try ConsoleOptions(environment: raw)
    } catch {
      throw parser.attributed(error.message)
    }
    if let theme = raw["GAFFER_THEME"] {
      do {
        try Theme.check(theme)
      } catch {
        throw ConfigurationError("\(parser.named("GAFFER_THEME")) is not allowed: \(error)")
      }
    }
    self.http = try parser.httpEndpoint()
    self.controlSocket = ControlSocketPath.forWorker(setting: raw["GAFFER_CONTROL_SOCKET"], environment: environment)
    self.logFormat = try parser.choice("GAFFER_LOG_FORMAT", default: .text)
    self.logLevel = try parser.choice("GAFFER_LOG_LEVEL", default: Logger.Level.info)

    self.entries = ConfigurationSetting.all.map { setting in
      let name = setting.variable
      let source = sources[name] ?? .default
      let value: String
      if let text = raw[name] {
        value = setting.isSecret ? "(set, hidden)" : text
      } else if name == "TEMPORAL_IDENTITY" {
        value = ProcessIdentity.default
      } else {
        value = setting.defaultText ?? "(unset)"
      }
      return Entry(setting: setting, value: value, source: source)
    }
  }

  /// The task queue, or an error saying how to give one.
  public func requiredTaskQueue() throws(ConfigurationError) -> String {
    guard let taskQueue, !taskQueue.isEmpty else {
      throw ConfigurationError(
        "No task queue: set TEMPORAL_TASK_QUEUE or --task-queue to the queue your workflows schedule activities on.")
    }
    return taskQueue
  }
}
