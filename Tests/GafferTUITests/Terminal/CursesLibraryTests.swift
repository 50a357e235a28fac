import GafferTUI
import Testing

@Suite("The curses library the console links")
struct CursesLibraryTests {
  @Test("it is ncurses 6, the wide-character build Debian ships")
  func isNCurses6() {
    #expect(CursesLibrary.version.hasPrefix("ncurses 6."))
  }

  @Test("the process can switch to a UTF-8 locale, so wide characters survive")
  func adoptsUTF8() {
    #expect(TerminalLocale.adoptUTF8())
  }
}
