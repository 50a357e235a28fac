/// A worker option or registration that can't work, said so that the
/// operator can fix it: which setting, the value given, and what is allowed.
public struct WorkerConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { self.message }
}
