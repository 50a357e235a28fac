/// Where the workflow side goes, when the worker runs workflows.
public enum WorkflowPanelLayout: Hashable, Sendable {
  /// Two rows in the summary band, from `top`: what fits when the screen is
  /// short or the activity detail needs the space below.
  case compact(top: Int)
  /// A panel between the in-flight table and the log: its rule, four
  /// summary rows, then the workflow tasks in flight and the recent
  /// failures, each under a heading row, sharing `listRows` rows.
  case full(top: Int, listRows: Int)

  static let compactRows = 2
  /// Everything in the full panel but the list rows.
  static let fullFixedRows = 7
  /// The full panel gives way to the compact rows rather than shrink the
  /// in-flight table below this.
  static let minimumTableRows = 8
  /// Two lists need a row each; past this many the activity table gets the rest.
  static let listRowRange = 2...13

  /// How the full panel's list rows are shared. Workflow tasks come and go
  /// every few milliseconds, so the split follows the failures alone (they
  /// change rarely) and the failures heading stays put from frame to frame;
  /// the tasks in flight keep a third.
  static func split(listRows: Int, failures: Int) -> (inFlight: Int, failures: Int) {
    let inFlightFloor = max(listRows / 3, 1)
    let failureRows = min(max(failures, 1), listRows - inFlightFloor)
    return (listRows - failureRows, failureRows)
  }
}
