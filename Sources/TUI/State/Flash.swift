public import Foundation

/// A one-line message under the header that fades after a few seconds:
/// what a key just did, or why the worker refused it.
public struct Flash: Hashable, Sendable {
  public var message: String
  public var role: Role
  public var until: Date

  public init(_ message: String, role: Role, until: Date) {
    self.message = message
    self.role = role
    self.until = until
  }
}
