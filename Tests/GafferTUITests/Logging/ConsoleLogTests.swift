import Foundation
@testable import GafferTUI
import Testing

@Suite("The console's log ring")
struct ConsoleLogTests {
  func line(_ number: Int) -> LogLine {
    LogLine(at: Date(timeIntervalSince1970: Double(number)), level: .info, message: "line \(number)")
  }

  @Test("it keeps the newest lines, oldest first, across the wrap")
  func wraps() {
    let log = ConsoleLog(capacity: 5)
    log.setCapturing(true)  // ring only, nothing on stderr
    for number in 1...3 { log.append(self.line(number), formatted: "") }
    #expect(log.recent(10).map(\.message) == ["line 1", "line 2", "line 3"])
    for number in 4...12 { log.append(self.line(number), formatted: "") }
    #expect(log.recent(3).map(\.message) == ["line 10", "line 11", "line 12"])
    #expect(log.recent(10).map(\.message) == (8...12).map { "line \($0)" })
  }
}
