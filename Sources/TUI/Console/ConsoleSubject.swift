public import GafferCore

/// What a console draws and steers: the worker in this process, or one
/// in another process reached through its control socket (`gaffer attach`).
public protocol ConsoleSubject: Sendable {
  /// The worker as it is now (an attached one: the latest that arrived).
  func currentSnapshot() -> WorkerSnapshot
  /// Sends a command. A refusal known at once is thrown; one that
  /// arrives later comes through `takeRefusals()`.
  func perform(_ command: WorkerCommand) throws(ConsoleCommandRefusal)
  /// Refusals that arrived since the last call.
  func takeRefusals() -> [String]
  /// How the link to an attached worker stands; nil in-process.
  func currentAttachment() -> WorkerAttachment?
}

/// Why a command did not go through, in the operator's words.
public struct ConsoleCommandRefusal: Error, Hashable, Sendable {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }
}

/// The worker in this process: answers come at once.
struct LocalConsoleSubject: ConsoleSubject {
  let worker: Worker

  func currentSnapshot() -> WorkerSnapshot { self.worker.snapshot() }

  func perform(_ command: WorkerCommand) throws(ConsoleCommandRefusal) {
    do {
      try self.worker.send(command)
    } catch {
      throw ConsoleCommandRefusal(error.message)
    }
  }

  func takeRefusals() -> [String] { [] }
  func currentAttachment() -> WorkerAttachment? { nil }
}
