internal import Foundation
internal import Synchronization
public import GafferCore

/// `gaffer top`'s screen: the fleet on one task queue, redrawn as fresh
/// answers arrive. `s` changes the order; `q` or Ctrl-C leaves.
public final class FleetConsole: Sendable {
  private let source: @Sendable () -> FleetSnapshot?
  private let options: ConsoleOptions
  private let inbox = ConsoleInbox()

  /// `source` gives the latest fleet (nil until the first answer).
  public init(options: ConsoleOptions = ConsoleOptions(), source: @escaping @Sendable () -> FleetSnapshot?) {
    self.source = source
    self.options = options
  }

  /// Returns when the operator quits and the terminal is restored.
  public func run() async throws(AttachedConsoleError) {
    let (theme, noColor): (Theme, Bool)
    do {
      (theme, noColor) = try self.options.themeForDrawing()
    } catch {
      throw AttachedConsoleError("\(error)")
    }
    let sources = TerminalSignals.catching { [inbox] in inbox.post(.interrupt) }
    defer { sources.forEach { $0.cancel() } }
    let started = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
      let thread = Thread { [self] in continuation.resume(returning: self.loop(theme: theme, noColor: noColor)) }
      thread.name = "gaffer.top"
      thread.start()
    }
    if !started { throw .noTerminal }
  }

  /// False when curses could not start.
  private func loop(theme: Theme, noColor: Bool) -> Bool {
    guard let terminal = CursesTerminal(theme: theme, noColor: noColor) else { return false }
    defer { terminal.restore() }
    var sort = FleetSort.identity
    while true {
      if self.inbox.take().contains(.interrupt) { return true }
      switch terminal.read(timeoutMilliseconds: 250) {
      case .key(.character("q")), .key(.character("Q")): return true
      case .key(.character("s")): sort = sort.next
      case .resize: terminal.invalidate()
      case .key, .none: break
      }
      terminal.draw(FleetRenderer.render(self.source(), sort: sort, glyphs: terminal.glyphs, size: terminal.size))
    }
  }
}
