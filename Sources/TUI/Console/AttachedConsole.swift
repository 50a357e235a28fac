internal import Foundation
internal import Synchronization

/// The console on a worker in another process (`gaffer attach`): the same
/// screen and keys as the in-process console, over the worker's control
/// socket. `q` detaches (asking whether to drain the worker first), and a
/// signal to this process detaches too: the worker is not this process's
/// to stop.
public final class AttachedConsole: Sendable {
  private let subject: any ConsoleSubject
  private let options: ConsoleOptions
  private let inbox = ConsoleInbox()

  public init(subject: any ConsoleSubject, options: ConsoleOptions = ConsoleOptions()) {
    self.subject = subject
    self.options = options
  }

  /// Returns when the operator has detached and the terminal is restored.
  public func run() async throws(AttachedConsoleError) {
    let (theme, noColor): (Theme, Bool)
    do {
      (theme, noColor) = try self.options.themeForDrawing()
    } catch {
      throw AttachedConsoleError("\(error)")
    }
    let sources = TerminalSignals.catching { [inbox] in inbox.post(.interrupt) }
    defer { sources.forEach { $0.cancel() } }
    let loop = ConsoleLoop(subject: self.subject, inbox: self.inbox, options: self.options, theme: theme, noColor: noColor)
    if await loop.run() == .noTerminal { throw .noTerminal }
  }
}

public struct AttachedConsoleError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { self.message }
}

extension AttachedConsoleError {
  /// curses could not start on this terminal.
  static var noTerminal: AttachedConsoleError {
    let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
    return AttachedConsoleError("can't start the console on this terminal (TERM=\(term))")
  }
}
