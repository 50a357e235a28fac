/// A key press, as the keymap sees it: the backend turns curses key codes
/// into these.
public enum Key: Hashable, Sendable, CustomStringConvertible {
  case character(Character)
  case enter
  case escape
  case backspace
  case up
  case down
  case pageUp
  case pageDown
  case home
  case end

  public var description: String {
    switch self {
    case .character(let character): String(character)
    case .enter: "Enter"
    case .escape: "Esc"
    case .backspace: "Backspace"
    case .up: "↑"
    case .down: "↓"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    }
  }
}
