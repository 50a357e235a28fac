/// A role plus the emphasis the renderer asks for on top of it.
public struct Style: Hashable, Sendable {
  public var role: Role
  public var emphasis: Emphasis

  public init(_ role: Role, _ emphasis: Emphasis = []) {
    self.role = role
    self.emphasis = emphasis
  }

  public struct Emphasis: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Emphasis(rawValue: 1 << 0)
    /// Swap foreground and background: badges and the selected row.
    public static let inverse = Emphasis(rawValue: 1 << 1)
    public static let underline = Emphasis(rawValue: 1 << 2)
  }

  public static let text = Style(.text)
  public static let dim = Style(.dim)

  /// How golden files spell this style: `warn`, `ok+bold+inverse`.
  public var name: String {
    var parts = [self.role.rawValue]
    if self.emphasis.contains(.bold) { parts.append("bold") }
    if self.emphasis.contains(.inverse) { parts.append("inverse") }
    if self.emphasis.contains(.underline) { parts.append("underline") }
    return parts.joined(separator: "+")
  }
}
