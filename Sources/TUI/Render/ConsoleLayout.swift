public import GafferCore

/// Where each part of the dashboard goes at a given size: a fixed summary
/// on top, the drain panel while draining, then the table and the log pane
/// sharing what is left, and the footer.
public struct ConsoleLayout: Hashable, Sendable {
  public static let headerRow = 0
  public static let diagnosisRow = 1
  public static let slotsRow = 2
  public static let pollersRow = 3
  public static let throughputRow = 4
  public static let latencyRow = 5
  static let summaryRows = 6
  static let drainPanelRows = 4

  /// First row of the drain panel, when there is one.
  public let drainPanelTop: Int?
  /// The table's title rule; the column header is the row below it.
  public let tableTop: Int
  /// Rows for table entries, below the title and column header.
  public let tableBodyRows: Int
  /// The log pane's title rule; its lines follow.
  public let logTop: Int
  public let logLines: Int
  public let footerRow: Int

  public init(size: TerminalSize, snapshot: WorkerSnapshot) {
    let showsDrain = snapshot.drain != nil
    var top = Self.summaryRows
    if showsDrain {
      self.drainPanelTop = top
      top += Self.drainPanelRows
    } else {
      self.drainPanelTop = nil
    }
    self.footerRow = max(size.rows - 1, 0)
    let remaining = max(self.footerRow - top, 0)
    // The log pane gets a quarter (2–12 lines), the table the rest.
    let logLines = min(max(remaining / 4, 2), 12)
    self.logLines = logLines
    self.tableTop = top
    self.tableBodyRows = max(remaining - 2 - (logLines + 1), 1)
    self.logTop = top + 2 + self.tableBodyRows
  }
}
