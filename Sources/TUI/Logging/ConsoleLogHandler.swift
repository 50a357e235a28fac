internal import Foundation
public import Logging

/// A swift-log handler that hands lines to a `ConsoleLog`.
public struct ConsoleLogHandler: LogHandler {
  public var metadata: Logger.Metadata = [:]
  public var logLevel: Logger.Level
  let label: String
  let log: ConsoleLog

  init(label: String, log: ConsoleLog, logLevel: Logger.Level) {
    self.label = label
    self.log = log
    self.logLevel = logLevel
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
    let stamp = ISO8601DateFormatter.string(from: now, timeZone: .gmt, formatOptions: [.withInternetDateTime])
    self.log.append(
      LogLine(at: now, level: level, message: message),
      formatted: "\(stamp) \(event.level.rawValue) \(self.label): \(message)")
  }
}
