/// One terminal cell. A wide character occupies its cell and the next, which
/// holds `Cell.continuation` so the backend knows to skip it.
public struct Cell: Hashable, Sendable {
  public var character: Character
  public var style: Style

  public init(_ character: Character, _ style: Style = .text) {
    self.character = character
    self.style = style
  }

  public static let blank = Cell(" ")

  /// The right half of a wide character.
  static let continuationMark: Character = "\u{0}"

  public var isContinuation: Bool { self.character == Self.continuationMark }
}
