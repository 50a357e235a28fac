/// How many columns a character takes in a terminal. The renderer cannot ask
/// `wcwidth` (it depends on the process locale and is not pure), so it keeps
/// the East Asian wide and emoji ranges that show up in workflow ids and
/// heartbeat details; everything else is one column.
enum DisplayWidth {
  static func of(_ character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    return Self.isWide(scalar.value) ? 2 : 1
  }

  static func of(_ text: some StringProtocol) -> Int {
    var width = 0
    for character in text { width += Self.of(character) }
    return width
  }

  private static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// Control characters would move the terminal's cursor; user text (ids,
  /// heartbeat details, log lines) is shown with them replaced.
  static func sanitized(_ character: Character) -> Character {
    guard let scalar = character.unicodeScalars.first else { return " " }
    if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
      return scalar == "\n" || scalar == "\t" ? " " : "?"
    }
    return character
  }
}
