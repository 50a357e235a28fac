internal import GafferCore
internal import Foundation
internal import Synchronization

/// The console's own thread: read a key (or time out), update the state,
/// render, draw. curses is not thread-safe, so everything that touches the
/// terminal happens here, off Swift's cooperative pool.
final class ConsoleLoop: Sendable {
  private let console: Console
  private let theme: Theme
  private let noColor: Bool
  private let stopping = Atomic<Bool>(false)

  init(console: Console, theme: Theme, noColor: Bool) {
    self.console = console
    self.theme = theme
    self.noColor = noColor
  }

  func stop() {
    self.stopping.store(true, ordering: .relaxed)
  }

  /// Returns once the terminal is restored.
  func run() async throws {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
      let thread = Thread { [self] in
        self.loop()
        continuation.resume()
      }
      thread.name = "gaffer.console"
      thread.start()
    }
  }

  private func loop() {
    let worker = self.console.worker
    let options = self.console.options
    let log = ConsoleLog.shared
    let capture = OutputCapture()
    // The terminal first: curses keeps a duplicate of the real stdout
    // before the capture points stdout at its pipe.
    guard let terminal = CursesTerminal(theme: self.theme, noColor: self.noColor) else {
      log.setCapturing(false)
      let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
      StandardStream.error.write("gaffer: can't start the console on this terminal (TERM=\(term)); running headless.\n")
      // Signals still arrive here as events: the first drains, the next forces.
      while !self.stopping.load(ordering: .relaxed) {
        for event in self.console.takeEvents() where event == .interrupt { self.console.escalateShutdown() }
        Thread.sleep(forTimeInterval: 0.2)
      }
      return
    }
    log.setCapturing(true)
    capture.start(into: log)
    defer {
      terminal.restore()
      capture.stop()
      log.setCapturing(false)
    }
    var state = ConsoleState(readOnly: options.readOnly)
    let frameMilliseconds = Int32(1000 / min(max(options.framesPerSecond, 4), 10))
    while !self.stopping.load(ordering: .relaxed) {
      let size = terminal.size
      var live = worker.snapshot()
      var events = self.console.takeEvents()
      switch terminal.read(timeoutMilliseconds: frameMilliseconds) {
      case .key(let key): events.append(.key(key))
      case .resize: terminal.invalidate()
      case .none: break
      }
      for event in events {
        let effects = state.handle(event, live: live, size: size)
        for effect in effects {
          switch effect {
          case .send(let command):
            do {
              try worker.send(command)
            } catch {
              _ = state.handle(.commandRefused(error.message), live: live, size: size)
            }
          }
        }
        // The next event must see what this one changed (`+` twice is +2).
        if !effects.isEmpty { live = worker.snapshot() }
      }
      state.observe(live, size: size)
      let lines = log.isBootstrapped ? log.recent(12) : Self.lines(from: live.recentEvents)
      terminal.draw(ConsoleRenderer.render(live, state: state, log: lines, glyphs: terminal.glyphs, size: terminal.size))
    }
  }

  /// Without `ConsoleLog.bootstrap`, the log pane shows the worker's events.
  static func lines(from events: [WorkerEvent]) -> [LogLine] {
    events.map { event in
      let level: LogLine.Level =
        switch event.level {
        case .info: .info
        case .warning: .warning
        case .error: .error
        }
      return LogLine(at: event.at, level: level, message: event.message)
    }
  }
}
