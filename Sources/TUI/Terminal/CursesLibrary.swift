@preconcurrency internal import CNCurses

/// Facts about the curses library the console is linked against.
public enum CursesLibrary {
  /// For example "ncurses 6.4.20230625".
  public static var version: String {
    String(cString: curses_version())
  }
}
