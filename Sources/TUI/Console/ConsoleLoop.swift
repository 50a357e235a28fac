internal import GafferCore
internal import Foundation
internal import Synchronization

/// The console's own thread: read a key (or time out), update the state,
/// render, draw. curses is not thread-safe, so everything that touches the
/// terminal happens here, off Swift's cooperative pool.
final class ConsoleLoop: Sendable {
  private let subject: any ConsoleSubject
  private let inbox: ConsoleInbox
  private let options: ConsoleOptions
  private let theme: Theme
  private let noColor: Bool
  private let stopping = Atomic<Bool>(false)

  init(subject: any ConsoleSubject, inbox: ConsoleInbox, options: ConsoleOptions, theme: Theme, noColor: Bool) {
    self.subject = subject
    self.inbox = inbox
    self.options = options
    self.theme = theme
    self.noColor = noColor
  }

  func stop() {
    self.stopping.store(true, ordering: .relaxed)
  }

  var isStopping: Bool { self.stopping.load(ordering: .relaxed) }

  enum Ending: Sendable {
    /// `stop()` was called (the in-process worker stopped).
    case stopped
    /// The operator detached (or quit a console whose worker is gone).
    case detached
    /// curses could not start on this terminal.
    case noTerminal
  }

  /// Returns once the terminal is restored.
  func run() async -> Ending {
    await withCheckedContinuation { (continuation: CheckedContinuation<Ending, Never>) in
      let thread = Thread { [self] in
        continuation.resume(returning: self.loop())
      }
      thread.name = "gaffer.console"
      thread.start()
    }
  }

  private func loop() -> Ending {
    let log = ConsoleLog.shared
    let capture = OutputCapture()
    // The terminal first: curses keeps a duplicate of the real stdout
    // before the capture points stdout at its pipe.
    guard let terminal = CursesTerminal(theme: self.theme, noColor: self.noColor) else { return .noTerminal }
    log.setCapturing(true)
    capture.start(into: log)
    defer {
      terminal.restore()
      capture.stop()
      log.setCapturing(false)
    }
    var state = ConsoleState(readOnly: self.options.readOnly, attachment: self.subject.currentAttachment())
    let frameMilliseconds = Int32(1000 / min(max(self.options.framesPerSecond, 4), 10))
    while !self.stopping.load(ordering: .relaxed) {
      let size = terminal.size
      var events = self.inbox.take()
      switch terminal.read(timeoutMilliseconds: frameMilliseconds) {
      case .key(let key): events.append(.key(key))
      case .resize: terminal.invalidate()
      case .none: break
      }
      state.attachment = self.subject.currentAttachment()
      var live = self.subject.currentSnapshot()
      events += self.subject.takeRefusals().map(ConsoleEvent.commandRefused)
      for event in events {
        let effects = state.handle(event, live: live, size: size)
        for effect in effects {
          switch effect {
          case .send(let command):
            do {
              try self.subject.perform(command)
            } catch {
              _ = state.handle(.commandRefused(error.message), live: live, size: size)
            }
          case .detach:
            return .detached
          }
        }
        // The next event must see what this one changed (`+` twice is +2).
        if !effects.isEmpty { live = self.subject.currentSnapshot() }
      }
      state.observe(live, size: size)
      let lines = log.isBootstrapped ? log.recent(12) : Self.lines(from: live.recentEvents)
      terminal.draw(ConsoleRenderer.render(live, state: state, log: lines, glyphs: terminal.glyphs, size: terminal.size))
    }
    return .stopped
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
