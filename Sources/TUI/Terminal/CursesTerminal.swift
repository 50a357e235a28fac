@preconcurrency internal import CNCurses
internal import Foundation

/// The one place that talks to curses: it starts and restores the terminal,
/// copies the changed parts of a `Screen` to it, and turns key codes into
/// `Key`s. Every call must come from the console's own thread.
final class CursesTerminal {
  enum Input: Equatable {
    case key(Key)
    case resize
    case none
  }

  let glyphs: Glyphs
  private var attributes: [Style: (attr_t, Int16)] = [:]
  private var theme: Theme
  private var previous: Screen?
  private var screen: OpaquePointer?
  private var output: UnsafeMutablePointer<FILE>?
  private var input: UnsafeMutablePointer<FILE>?

  /// Takes over the terminal. curses writes to a duplicate of the original
  /// stdout, so stdout itself can be captured while the console is up.
  /// Nil when curses can't drive this terminal (say, an unknown `TERM`).
  init?(theme: Theme, noColor: Bool) {
    let utf8 = TerminalLocale.adoptUTF8()
    self.glyphs = utf8 ? .unicode : .ascii
    self.output = fdopen(dup(STDOUT_FILENO), "w")
    self.input = fdopen(dup(STDIN_FILENO), "r")
    self.theme = theme
    self.screen = newterm(nil, self.output, self.input)
    guard self.screen != nil else {
      if let output = self.output { fclose(output) }
      if let input = self.input { fclose(input) }
      return nil
    }
    set_term(self.screen)
    cbreak()
    noecho()
    nonl()
    keypad(stdscr, true)
    set_escdelay(25)
    curs_set(0)
    let colours = !noColor && has_colors()
    if colours {
      start_color()
      use_default_colors()
    }
    self.theme = colours ? theme : ((try? Theme.load("mono")) ?? theme)
    self.prepareStyles(colours: colours)
    CursesTerminal.installCrashRestore()
  }

  var size: TerminalSize {
    TerminalSize(columns: Int(getmaxx(stdscr)), rows: Int(getmaxy(stdscr)))
  }

  /// Waits up to `milliseconds` for a key.
  func read(timeoutMilliseconds: Int32) -> Input {
    wtimeout(stdscr, timeoutMilliseconds)
    var character: wint_t = 0
    let result = wget_wch(stdscr, &character)
    if result == ERR { return .none }
    if result == KEY_CODE_YES {
      switch Int32(character) {
      case KEY_RESIZE: return .resize
      case KEY_UP: return .key(.up)
      case KEY_DOWN: return .key(.down)
      case KEY_NPAGE: return .key(.pageDown)
      case KEY_PPAGE: return .key(.pageUp)
      case KEY_HOME: return .key(.home)
      case KEY_END: return .key(.end)
      case KEY_ENTER: return .key(.enter)
      case KEY_BACKSPACE: return .key(.backspace)
      default: return .none
      }
    }
    switch character {
    case 10, 13: return .key(.enter)
    case 27: return .key(.escape)
    case 8, 127: return .key(.backspace)
    default:
      guard let scalar = Unicode.Scalar(UInt32(character)), character >= 32 else { return .none }
      return .key(.character(Character(scalar)))
    }
  }

  /// Forgets what is on the terminal, so the next `draw` repaints it all.
  func invalidate() {
    self.previous = nil
  }

  /// Copies `frame` to the terminal: per row, only the span between the
  /// first and last changed cell, in runs of one style.
  func draw(_ frame: Screen) {
    let full = self.previous?.size != frame.size
    if full { werase(stdscr) }
    let columns = frame.size.columns
    for row in 0..<frame.size.rows {
      var first = -1
      var last = -1
      for column in 0..<columns where full || self.previous![column, row] != frame[column, row] {
        if first < 0 { first = column }
        last = column
      }
      guard first >= 0 else { continue }
      while first > 0, frame[first, row].isContinuation { first -= 1 }
      var column = first
      while column <= last {
        let style = frame[column, row].style
        var text: [wchar_t] = []
        let start = column
        while column <= last, frame[column, row].style == style {
          let cell = frame[column, row]
          if !cell.isContinuation {
            for scalar in cell.character.unicodeScalars { text.append(wchar_t(bitPattern: scalar.value)) }
          }
          column += 1
        }
        text.append(0)
        let (attributes, pair) = self.attributes[style] ?? (0, 0)
        wattr_set(stdscr, attributes, pair, nil)
        // The bottom-right cell makes curses report ERR (it cannot move past
        // it); the characters are drawn all the same.
        _ = mvwaddwstr(stdscr, Int32(row), Int32(start), text)
      }
    }
    wattr_set(stdscr, 0, 0, nil)
    wrefresh(stdscr)
    self.previous = frame
  }

  /// Gives the terminal back as it was.
  func restore() {
    guard let screen = self.screen else { return }
    curs_set(1)
    endwin()
    delscreen(screen)
    self.screen = nil
    if let output = self.output { fclose(output) }
    if let input = self.input { fclose(input) }
    self.output = nil
    self.input = nil
  }

  private func prepareStyles(colours: Bool) {
    var pair: Int16 = 1
    let palette = ColorPalette(colors: Int(COLORS))
    var pairs: [Role: Int16] = [:]
    if colours {
      for role in Role.allCases {
        let style = self.theme.style(for: role)
        init_pair(pair, Int16(palette.index(for: style.foreground)), Int16(palette.index(for: style.background)))
        pairs[role] = pair
        pair += 1
      }
    }
    let emphases: [Style.Emphasis] = [[], [.bold], [.inverse], [.bold, .inverse], [.underline]]
    for role in Role.allCases {
      let style = self.theme.style(for: role)
      var base: attr_t = 0
      if style.bold { base |= gaffer_attr_bold() }
      if style.dim { base |= gaffer_attr_dim() }
      if style.underline { base |= gaffer_attr_underline() }
      if style.reverse { base |= gaffer_attr_reverse() }
      for emphasis in emphases {
        var attributes = base
        if emphasis.contains(.bold) { attributes |= gaffer_attr_bold() }
        if emphasis.contains(.inverse) { attributes ^= gaffer_attr_reverse() }
        if emphasis.contains(.underline) { attributes |= gaffer_attr_underline() }
        self.attributes[Style(role, emphasis)] = (attributes, pairs[role] ?? 0)
      }
    }
  }

  /// A crash while the console is up would leave the terminal raw and
  /// silent; these handlers give it back before the default action runs.
  private static func installCrashRestore() {
    for number in [SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP] {
      signal(number) { received in
        endwin()
        signal(received, SIG_DFL)
        raise(received)
      }
    }
  }
}
