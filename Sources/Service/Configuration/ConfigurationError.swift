/// A setting whose value can't be used. The message is one line naming the
/// variable (or flag), the value and what is allowed; programs print it and
/// exit with status 2.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { self.message }
}
