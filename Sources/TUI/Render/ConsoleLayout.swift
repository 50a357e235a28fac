public import GafferCore

/// Where each part of the dashboard goes at a given size: a fixed summary
/// on top (with the workflow rows in their compact form), the drain panel
/// while draining, then the table, the full workflow panel and the log pane
/// sharing what is left, and the footer.
public struct ConsoleLayout: Hashable, Sendable {
  public static let headerRow = 0
  public static let diagnosisRow = 1
  public static let slotsRow = 2
  public static let pollersRow = 3
  public static let serverRow = 4
  public static let throughputRow = 5
  public static let latencyRow = 6
  static let summaryRows = 7
  static let drainPanelRows = 4

  /// First row of the drain panel, when there is one.
  public let drainPanelTop: Int?
  /// The table's title rule; the column header is the row below it.
  public let tableTop: Int
  /// Rows for table entries, below the title and column header.
  public let tableBodyRows: Int
  /// The workflow side; nil when the worker runs no workflows.
  public let workflows: WorkflowPanelLayout?
  /// The log pane's title rule; its lines follow.
  public let logTop: Int
  public let logLines: Int
  public let footerRow: Int

  /// `showsDetail`: the activity detail takes the table's and the log's
  /// rows, so the workflow side keeps to its compact rows.
  public init(size: TerminalSize, snapshot: WorkerSnapshot, showsDetail: Bool = false) {
    let showsDrain = snapshot.drain != nil
    let drainRows = showsDrain ? Self.drainPanelRows : 0
    self.footerRow = max(size.rows - 1, 0)
    var top = Self.summaryRows
    var workflows: WorkflowPanelLayout?
    var listRows: Int?
    if snapshot.workflows != nil {
      let remaining = max(self.footerRow - top - drainRows, 0)
      let spare =
        remaining - (Self.logLines(remaining) + 1) - 2 - WorkflowPanelLayout.minimumTableRows
        - WorkflowPanelLayout.fullFixedRows
      if !showsDetail, spare >= WorkflowPanelLayout.listRowRange.lowerBound {
        listRows = min(spare, WorkflowPanelLayout.listRowRange.upperBound)
      } else {
        workflows = .compact(top: top)
        top += WorkflowPanelLayout.compactRows
      }
    }
    if showsDrain {
      self.drainPanelTop = top
      top += drainRows
    } else {
      self.drainPanelTop = nil
    }
    let remaining = max(self.footerRow - top, 0)
    let logLines = Self.logLines(remaining)
    self.logLines = logLines
    self.tableTop = top
    let panelRows = listRows.map { WorkflowPanelLayout.fullFixedRows + $0 } ?? 0
    self.tableBodyRows = max(remaining - 2 - (logLines + 1) - panelRows, 1)
    let below = top + 2 + self.tableBodyRows
    if let listRows {
      workflows = .full(top: below, listRows: listRows)
    }
    self.workflows = workflows
    self.logTop = below + panelRows
  }

  /// The log pane gets a quarter of the rows below the summary (2–12
  /// lines), the table the rest.
  private static func logLines(_ remaining: Int) -> Int {
    min(max(remaining / 4, 2), 12)
  }
}
