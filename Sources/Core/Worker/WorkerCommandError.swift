/// A command the worker can't carry out, with what was asked, why not, and
/// what to do instead.
public struct WorkerCommandError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { self.message }
}
