/// A frame: a grid of cells the renderer fills and the backend copies to the
/// terminal. Writes outside the grid are clipped, never wrapped.
public struct Screen: Hashable, Sendable {
  public let size: TerminalSize
  public private(set) var cells: [Cell]

  public init(size: TerminalSize) {
    self.size = size
    self.cells = Array(repeating: .blank, count: size.columns * size.rows)
  }

  public subscript(column: Int, row: Int) -> Cell {
    get { self.cells[row * self.size.columns + column] }
    set { self.cells[row * self.size.columns + column] = newValue }
  }

  /// Writes `text` from (column, row), at most `limit` columns wide, cutting
  /// with `ellipsis` when it does not fit. Returns the columns written.
  @discardableResult
  public mutating func put(
    _ text: String, column: Int, row: Int, style: Style = .text, limit: Int? = nil, ellipsis: Character? = nil
  ) -> Int {
    guard row >= 0, row < self.size.rows, column < self.size.columns else { return 0 }
    let available = min(limit ?? Int.max, self.size.columns - max(column, 0))
    guard available > 0 else { return 0 }
    let fits = DisplayWidth.of(text) <= available
    let budget = fits || ellipsis == nil ? available : available - 1
    var x = column
    for original in text {
      let character = DisplayWidth.sanitized(original)
      let width = DisplayWidth.of(character)
      if x + width - column > budget { break }
      if x >= 0 {
        self[x, row] = Cell(character, style)
        if width == 2 { self[x + 1, row] = Cell(Cell.continuationMark, style) }
      }
      x += width
    }
    if !fits, let ellipsis, x - column < available {
      self[x, row] = Cell(ellipsis, style)
      x += 1
    }
    return x - column
  }

  /// Writes styled parts one after another on a row, up to `end`
  /// (exclusive); returns the next column.
  @discardableResult
  public mutating func put(parts: [(String, Style)], row: Int, column: Int, end: Int, ellipsis: Character?) -> Int {
    var x = column
    for (text, style) in parts where x < end {
      x += self.put(text, column: x, row: row, style: style, limit: end - x, ellipsis: ellipsis)
    }
    return x
  }

  /// Paints `count` copies of `character` from (column, row).
  public mutating func fill(_ character: Character, column: Int, row: Int, count: Int, style: Style = .text) {
    guard row >= 0, row < self.size.rows else { return }
    let start = max(column, 0)
    let end = min(column + count, self.size.columns)
    guard start < end else { return }
    for x in start..<end { self[x, row] = Cell(character, style) }
  }

  /// Gives every cell in a row range a style, keeping the characters: the
  /// selected row of a table.
  public mutating func restyle(row: Int, from column: Int, count: Int, style: Style) {
    guard row >= 0, row < self.size.rows else { return }
    let end = min(column + count, self.size.columns)
    guard column < end else { return }
    for x in max(column, 0)..<end { self[x, row].style = style }
  }

  /// The characters of one row, wide characters once.
  public func text(ofRow row: Int) -> String {
    var line = ""
    for x in 0..<self.size.columns {
      let cell = self[x, row]
      if !cell.isContinuation { line.append(cell.character) }
    }
    return line
  }
}
