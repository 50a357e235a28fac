import Foundation
import GafferTUI
import Testing

/// Renders every scenario at the sizes operators use and compares with the
/// golden files under Goldens/. `UPDATE_GOLDENS=1 swift test` rewrites them;
/// read each rewritten file before committing it.
@Suite("Golden screens")
struct GoldenScreenTests {
  static let sizes = [
    TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40), TerminalSize(columns: 200, rows: 60),
  ]
  static let tinySizes = [TerminalSize(columns: 20, rows: 5), TerminalSize(columns: 1, rows: 1)]

  static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Goldens")

  @Test("each scenario at 80×24, 120×40 and 200×60 matches its golden screen", arguments: Scenario.all)
  func scenario(_ scenario: Scenario) throws {
    for size in Self.sizes {
      try Self.check(scenario.render(size), name: "\(scenario.name)-\(size.columns)x\(size.rows)")
    }
  }

  @Test("below 80×24 the console says so instead of drawing a broken layout", arguments: Self.tinySizes)
  func tiny(_ size: TerminalSize) throws {
    let normal = Scenario.all.first { $0.name == "normal" }!
    try Self.check(normal.render(size), name: "too-small-\(size.columns)x\(size.rows)")
  }

  @Test("a non-UTF-8 terminal gets ASCII lines, bars and sparklines")
  func ascii() throws {
    let draining = Scenario.all.first { $0.name == "draining-midway" }!
    let screen = draining.render(TerminalSize(columns: 80, rows: 24), glyphs: .ascii)
    let text = (0..<24).map { screen.text(ofRow: $0) }.joined()
    let allASCII = text.unicodeScalars.allSatisfy { $0.isASCII }
    #expect(allASCII)
    try Self.check(screen, name: "draining-midway-ascii-80x24")
  }

  static func check(_ screen: Screen, name: String) throws {
    let url = Self.goldens.appendingPathComponent("\(name).txt")
    let actual = screen.goldenText
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
      try FileManager.default.createDirectory(at: Self.goldens, withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record("No golden screen \(url.lastPathComponent); run with UPDATE_GOLDENS=1 and review it.")
      return
    }
    if expected != actual {
      Issue.record("\(url.lastPathComponent) differs:\n\(Self.diff(expected: expected, actual: actual))")
    }
  }

  /// Line by line: `-` expected, `+` actual, for the lines that differ.
  static func diff(expected: String, actual: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var lines: [String] = []
    for index in 0..<max(old.count, new.count) {
      let before = index < old.count ? String(old[index]) : nil
      let after = index < new.count ? String(new[index]) : nil
      if before != after {
        if let before { lines.append("-\(index + 1): \(before)") }
        if let after { lines.append("+\(index + 1): \(after)") }
      }
    }
    return lines.prefix(40).joined(separator: "\n")
  }
}
