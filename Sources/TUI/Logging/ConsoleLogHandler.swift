internal import Foundation
public import Logging

/// A swift-log handler that hands lines to a `ConsoleLog`.
public struct ConsoleLogHandler: LogHandler {
  public var metadata: Logger.Metadata = [:]
  public var logLevel: Logger.Level
  let label: String
  let log: ConsoleLog
  let format: LogFormat

  init(label: String, log: ConsoleLog, logLevel: Logger.Level, format: LogFormat = .text) {
    self.label = label
    self.log = log
    self.logLevel = logLevel
    self.format = format
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { self.metadata[key] }
    set { self.metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var merged = self.metadata
    if let extra = event.metadata { merged.merge(extra) { $1 } }
    let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    let message = fields.isEmpty ? "\(event.message)" : "\(event.message) \(fields)"
    let now = Date()
    let level = LogLine.Level(rawValue: event.level.rawValue) ?? .info
    let stamp = LogTimestamp.string(from: now)
    let formatted: String
    switch self.format {
    case .text:
      formatted = "\(stamp) \(event.level.rawValue) \(self.label): \(message)"
    case .json:
      var object: [String: String] = merged.mapValues { "\($0)" }
      object["time"] = stamp
      object["level"] = event.level.rawValue
      object["logger"] = self.label
      object["message"] = "\(event.message)"
      let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
      formatted = String(decoding: data, as: UTF8.self)
    }
    // The log pane shows the message with its fields, whatever the format.
    self.log.append(LogLine(at: now, level: level, message: message), formatted: formatted)
  }
}
