@preconcurrency internal import CNCurses

/// Wide characters need a UTF-8 locale before curses starts: with none set,
/// the process runs in "C" and curses silently drops every non-ASCII cell.
public enum TerminalLocale {
  /// Adopts the environment's locale, falling back to C.UTF-8 when the
  /// environment's is not UTF-8. Returns whether the process now speaks
  /// UTF-8; when it does not, the console must draw with ASCII only.
  @discardableResult
  public static func adoptUTF8() -> Bool {
    setlocale(LC_ALL, "")
    if Self.codesetIsUTF8 { return true }
    if setlocale(LC_ALL, "C.UTF-8") != nil, Self.codesetIsUTF8 { return true }
    return false
  }

  static var codesetIsUTF8: Bool {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).lowercased()
    return name == "utf-8" || name == "utf8"
  }
}
