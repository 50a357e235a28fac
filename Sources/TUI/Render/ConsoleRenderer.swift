public import GafferCore

/// Draws the console: a pure function of (snapshot, console state, log,
/// glyphs, size) into a `Screen`. Nothing here knows about the terminal.
public struct ConsoleRenderer {
  let snapshot: WorkerSnapshot
  let state: ConsoleState
  let log: [LogLine]
  let glyphs: Glyphs
  var screen: Screen
  let layout: ConsoleLayout

  public static func render(
    _ live: WorkerSnapshot, state: ConsoleState, log: [LogLine], glyphs: Glyphs, size: TerminalSize
  ) -> Screen {
    var renderer = ConsoleRenderer(
      snapshot: state.displayed(live), state: state, log: log, glyphs: glyphs, size: size)
    renderer.draw()
    return renderer.screen
  }

  private init(snapshot: WorkerSnapshot, state: ConsoleState, log: [LogLine], glyphs: Glyphs, size: TerminalSize) {
    self.snapshot = snapshot
    self.state = state
    self.log = log
    self.glyphs = glyphs
    self.screen = Screen(size: size)
    let showsDetail = if case .detail = state.mode { true } else { false }
    self.layout = ConsoleLayout(size: size, snapshot: snapshot, showsDetail: showsDetail)
  }

  var width: Int { self.screen.size.columns }

  private mutating func draw() {
    guard !self.screen.size.isBelowMinimum else {
      self.drawTooSmall()
      return
    }
    self.drawHeader()
    self.drawStatusLine()
    self.drawSlots(row: ConsoleLayout.slotsRow)
    self.drawPollers(row: ConsoleLayout.pollersRow)
    self.drawServer(row: ConsoleLayout.serverRow)
    self.drawThroughput(row: ConsoleLayout.throughputRow)
    self.drawLatency(row: ConsoleLayout.latencyRow)
    if let workflows = self.snapshot.workflows, case .compact(let top) = self.layout.workflows {
      self.drawWorkflowSummary(workflows, top: top)
    }
    if let top = self.layout.drainPanelTop { self.drawDrainPanel(top: top) }
    if case .detail(let id) = self.state.mode {
      self.drawDetail(activityID: id)
    } else {
      if self.state.grouped { self.drawGroups() } else { self.drawTable() }
      if let workflows = self.snapshot.workflows, case .full(let top, let listRows) = self.layout.workflows {
        self.drawWorkflowPanel(workflows, top: top, listRows: listRows)
      }
      self.drawLog()
    }
    self.drawFooter()
    if self.state.mode == .help { self.drawHelp() }
  }

  private mutating func drawTooSmall() {
    let size = self.screen.size
    let lines = ["terminal too small", "need \(TerminalSize.minimum)", "have \(size)"]
    let top = max((size.rows - lines.count) / 2, 0)
    for (offset, line) in lines.enumerated() where top + offset < size.rows {
      let column = max((size.columns - DisplayWidth.of(line)) / 2, 0)
      self.screen.put(line, column: column, row: top + offset, style: Style(.warn, .bold))
    }
  }

  /// A full-width rule with a title: `─ In flight 12 ─ sorted by elapsed ───`.
  mutating func drawRule(row: Int, title: [(String, Style)]) {
    self.screen.fill(self.glyphs.horizontal, column: 0, row: row, count: self.width, style: Style(.border))
    var column = 1
    for (text, style) in title {
      column += self.screen.put(" \(text) ", column: column, row: row, style: style, limit: self.width - column - 1)
      column += 1
    }
  }

  /// Writes parts one after another on a row; returns the next column.
  @discardableResult
  mutating func drawParts(_ parts: [(String, Style)], row: Int, column: Int, limit: Int? = nil) -> Int {
    self.screen.put(
      parts: parts, row: row, column: column, end: min(column + (limit ?? self.width), self.width),
      ellipsis: self.glyphs.ellipsis)
  }
}
