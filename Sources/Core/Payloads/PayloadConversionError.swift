/// A value could not be turned into a payload, or a payload into the type
/// asked for. The message names the type, the encoding and the problem.
public struct PayloadConversionError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { self.message }
}
