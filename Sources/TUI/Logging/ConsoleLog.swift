internal import Foundation
public import Logging
internal import Synchronization

/// Where the process's log lines go: to stderr normally, and into a ring the
/// log pane shows while the console owns the terminal (plus an optional
/// file). Bootstrap it once, first thing in `main`, with
/// `ConsoleLog.bootstrap()`; loggers made before that print directly.
public final class ConsoleLog: Sendable {
  public static let shared = ConsoleLog(capacity: 1000)

  private struct State {
    var lines: [LogLine] = []
    var next = 0
    var capturing = false
    var file: FileHandle?
  }

  private let state: Mutex<State>
  private let capacity: Int
  private let bootstrapped = Atomic<Bool>(false)

  init(capacity: Int) {
    self.capacity = capacity
    self.state = Mutex(State())
  }

  /// Sends every `Logger` of the process through `ConsoleLog.shared`, and
  /// makes a stdout or stderr whose reader goes away harmless: SIGPIPE is
  /// ignored and lines that can't be written are dropped, so a worker keeps
  /// draining when its log pipe closes.
  public static func bootstrap(level: Logger.Level = .info, format: LogFormat = .text) {
    StandardStream.ignoreBrokenPipes()
    LoggingSystem.bootstrap { label in
      ConsoleLogHandler(label: label, log: ConsoleLog.shared, logLevel: level, format: format)
    }
    Self.shared.bootstrapped.store(true, ordering: .relaxed)
  }

  /// Whether `bootstrap` ran, so the console knows its log pane is fed.
  public var isBootstrapped: Bool { self.bootstrapped.load(ordering: .relaxed) }

  /// While capturing, lines go to the ring (and the file) instead of stderr.
  public func setCapturing(_ capturing: Bool) {
    self.state.withLock { $0.capturing = capturing }
  }

  /// Also append every line to `path`, created if missing.
  public func logToFile(_ path: String) throws {
    if !FileManager.default.fileExists(atPath: path) {
      _ = FileManager.default.createFile(atPath: path, contents: nil)
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    handle.seekToEndOfFile()
    self.state.withLock { $0.file = handle }
  }

  /// The most recent lines, oldest first.
  public func recent(_ count: Int) -> [LogLine] {
    // Read once a frame: copy only the lines asked for, not the ring.
    self.state.withLock { state in
      let total = state.lines.count
      let oldest = total < self.capacity ? 0 : state.next
      return (max(total - count, 0)..<total).map { state.lines[(oldest + $0) % total] }
    }
  }

  /// A line some code printed to stdout or stderr while the console was up.
  func appendPrinted(_ text: String, stream: String) {
    self.append(LogLine(at: Date(), level: .notice, message: "\(stream): \(text)"), formatted: "\(stream): \(text)")
  }

  func append(_ line: LogLine, formatted: String) {
    // The file write and the stderr write happen outside the lock.
    let (capturing, file) = self.state.withLock { state -> (Bool, FileHandle?) in
      if state.lines.count < self.capacity {
        state.lines.append(line)
      } else {
        state.lines[state.next] = line
        state.next = (state.next + 1) % self.capacity
      }
      return (state.capturing, state.file)
    }
    let bytes = Data((formatted + "\n").utf8)
    // A full disk or a removed file drops the line; it never stops the worker.
    try? file?.write(contentsOf: bytes)
    if !capturing { StandardStream.error.write(bytes) }
  }
}
