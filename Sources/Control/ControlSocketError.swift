internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// The control socket could not be set up, reached or read.
public struct ControlSocketError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  /// Connecting found no listener (a stale socket file, or none at all).
  var refused = false

  public init(_ message: String) {
    self.message = message
  }

  /// `message`, then what errno says now.
  static func errno(_ message: String) -> ControlSocketError {
    let code = Glibc.errno
    return ControlSocketError("\(message): \(String(cString: strerror(code)))")
  }

  public var description: String { self.message }
}
