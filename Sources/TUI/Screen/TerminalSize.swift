/// A terminal's size in cells.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
  public var columns: Int
  public var rows: Int

  public init(columns: Int, rows: Int) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
  }

  /// Below this the console shows a "too small" message instead of a layout
  /// that would cut columns in half.
  public static let minimum = TerminalSize(columns: 80, rows: 24)

  public var isBelowMinimum: Bool { self.columns < Self.minimum.columns || self.rows < Self.minimum.rows }

  public var description: String { "\(self.columns)×\(self.rows)" }
}
