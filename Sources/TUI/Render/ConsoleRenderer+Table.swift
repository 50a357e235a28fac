internal import Foundation
internal import GafferCore

/// The in-flight table and its grouped view.
extension ConsoleRenderer {
  mutating func drawTable() {
    let rows = self.state.rows(of: self.snapshot)
    let top = self.layout.tableTop
    let bodyRows = self.layout.tableBodyRows
    let first = min(self.state.scrollOffset, max(rows.count - 1, 0))
    let last = min(first + bodyRows, rows.count)
    var title: [(String, Style)] = [
      ("In flight \(Format.count(self.snapshot.activities.count))", Style(.text, .bold)),
      ("sorted by \(self.state.sort.rawValue)", Style(.dim)),
    ]
    if !self.state.filter.isEmpty {
      title.append(("filter \"\(self.state.filter)\": \(rows.count) match", Style(.warn)))
    }
    if rows.count > bodyRows {
      title.append(("\(first + 1)–\(last) of \(Format.count(rows.count))", Style(.dim)))
    }
    self.drawRule(row: top, title: title)

    let columns = ActivityColumns(width: self.width)
    let starts = columns.starts
    let headings = ["TYPE", "ACTIVITY ID", "WORKFLOW ID", "ATT", "ELAPSED/MAX", "HEARTBEAT", "LAST", "DETAILS"]
    let widths = [
      columns.type, columns.activityID, columns.workflowID, columns.attempt, columns.elapsed, columns.health, columns.age,
      columns.details,
    ]
    for (index, heading) in headings.enumerated() {
      self.screen.put(heading, column: starts[index], row: top + 1, style: Style(.dim, .bold), limit: widths[index])
    }
    guard !rows.isEmpty else {
      let message =
        self.snapshot.activities.isEmpty
        ? "No activities running." : "No running activity matches \"\(self.state.filter)\". Esc clears the filter."
      self.screen.put(message, column: 1, row: top + 2, style: Style(.dim), limit: self.width - 2)
      return
    }
    let now = self.snapshot.takenAt
    for (offset, activity) in rows[first..<last].enumerated() {
      let row = top + 2 + offset
      let cells = self.cells(of: activity, now: now)
      for (index, cell) in cells.enumerated() {
        self.screen.put(
          cell.0, column: starts[index], row: row, style: cell.1, limit: widths[index], ellipsis: self.glyphs.ellipsis)
      }
      if first + offset == self.state.selectedRow, activity.id == self.state.selectedID {
        self.screen.restyle(row: row, from: 0, count: self.width, style: Style(.selection, .bold))
      }
    }
  }

  private func cells(of activity: InFlightActivity, now: Date) -> [(String, Style)] {
    let elapsed = now.timeIntervalSince(activity.startedAt)
    var elapsedText = Format.seconds(elapsed)
    var elapsedRole = Role.text
    if let limit = activity.startToCloseTimeout {
      let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
      elapsedText += "/" + Format.seconds(seconds)
      if seconds > 0, elapsed >= seconds {
        elapsedRole = .error
      } else if seconds > 0, elapsed >= seconds * 0.8 {
        elapsedRole = .warn
      }
    }
    let health = Self.health(of: activity)
    let age = activity.heartbeat.lastRecordedAt.map { Format.interval(from: $0, to: now) } ?? "-"
    return [
      (activity.activityType, Style(.text)),
      (activity.activityID, Style(.dim)),
      (activity.workflowID, Style(.text)),
      ("\(activity.attempt)", Style(activity.attempt > 1 ? .warn : .text)),
      (elapsedText, Style(elapsedRole)),
      (health.0, health.1),
      (age, Style(.dim)),
      (Self.detailsText(activity.heartbeat.lastDetails), Style(.dim)),
    ]
  }

  /// The heartbeat column: health, or why the attempt is being cancelled.
  static func health(of activity: InFlightActivity) -> (String, Style) {
    if activity.abandonedAt != nil {
      return ("STUCK", Style(.error, [.bold, .inverse]))
    }
    if let reason = activity.cancellation {
      let word =
        switch reason {
        case .cancelRequested: "cancel req"
        case .paused: "paused"
        case .reset: "reset"
        case .notFound: "gone"
        case .timedOut: "timed out"
        case .workerShutdown: "shutdown"
        case .cancelledByOperator: "operator"
        }
      return (word, Style(.danger, .bold))
    }
    switch activity.heartbeat.health {
    case .notRequired:
      return activity.heartbeat.count == 0 ? ("never", Style(.dim)) : ("sent", Style(.dim))
    case .ok: return ("ok", Style(.ok))
    case .due: return ("due", Style(.warn))
    case .late: return ("LATE", Style(.error, .bold))
    }
  }

  /// Heartbeat details as text: JSON payloads as they are, others by size.
  static func detailsText(_ payloads: [Payload]?) -> String {
    guard let payloads, !payloads.isEmpty else { return "" }
    return payloads.map { payload in
      switch payload.encoding {
      case "json/plain":
        return String(decoding: payload.data, as: UTF8.self)
      case "binary/null":
        return "null"
      default:
        return "<\(payload.data.count) bytes \(payload.encoding ?? "unknown")>"
      }
    }.joined(separator: ", ")
  }

  mutating func drawGroups() {
    let groups = ActivityList.groups(of: self.snapshot.activities)
    let top = self.layout.tableTop
    let total = max(self.snapshot.activities.count, 1)
    self.drawRule(
      row: top,
      title: [
        ("Who holds the slots", Style(.text, .bold)),
        ("\(self.snapshot.activities.count) in flight, \(groups.count) \(groups.count == 1 ? "type" : "types")", Style(.dim)),
      ])
    let typeWidth = min(max(self.width / 3, 20), 40)
    let barWidth = max(self.width - typeWidth - 44, 10)
    let headings: [(String, Int)] = [
      ("TYPE", 1), ("COUNT", typeWidth + 2), ("SHARE", typeWidth + 9), ("OLDEST", typeWidth + 11 + barWidth),
      ("LATE", typeWidth + 20 + barWidth), ("CANCELLING", typeWidth + 26 + barWidth),
    ]
    for (heading, column) in headings {
      self.screen.put(heading, column: column, row: top + 1, style: Style(.dim, .bold))
    }
    guard !groups.isEmpty else {
      self.screen.put("No activities running.", column: 1, row: top + 2, style: Style(.dim))
      return
    }
    let first = min(self.state.scrollOffset, max(groups.count - 1, 0))
    for (offset, group) in groups.dropFirst(first).prefix(self.layout.tableBodyRows).enumerated() {
      let row = top + 2 + offset
      self.screen.put(group.activityType, column: 1, row: row, limit: typeWidth, ellipsis: self.glyphs.ellipsis)
      self.screen.put(String(group.count), column: typeWidth + 2, row: row, style: Style(.text, .bold), limit: 6)
      let filled = max(1, Int((Double(group.count) / Double(total) * Double(barWidth)).rounded()))
      self.screen.fill(self.glyphs.barFull, column: typeWidth + 9, row: row, count: filled, style: Style(.barFill))
      self.screen.fill(self.glyphs.barEmpty, column: typeWidth + 9 + filled, row: row, count: barWidth - filled, style: Style(.barEmpty))
      self.screen.put(Format.interval(from: group.oldestStart, to: self.snapshot.takenAt), column: typeWidth + 11 + barWidth, row: row, limit: 8)
      self.screen.put(String(group.late), column: typeWidth + 20 + barWidth, row: row, style: Style(group.late > 0 ? .error : .dim), limit: 5)
      self.screen.put(String(group.cancelling), column: typeWidth + 26 + barWidth, row: row, style: Style(group.cancelling > 0 ? .danger : .dim), limit: 10)
      if first + offset == self.state.selectedRow {
        self.screen.restyle(row: row, from: 0, count: self.width, style: Style(.selection, .bold))
      }
    }
  }

  mutating func drawLog() {
    let top = self.layout.logTop
    self.drawRule(row: top, title: [("Log", Style(.text, .bold))])
    let lines = self.log.suffix(self.layout.logLines)
    guard !lines.isEmpty else {
      self.screen.put("Nothing logged yet.", column: 1, row: top + 1, style: Style(.dim))
      return
    }
    for (offset, line) in lines.enumerated() {
      let role: Role =
        switch line.level {
        case .trace, .debug: .dim
        case .info, .notice: .text
        case .warning: .warn
        case .error, .critical: .error
        }
      self.drawParts(
        [
          (Format.clock(line.at) + " ", Style(.dim)),
          (line.level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), Style(role, .bold)),
          (line.message, Style(role)),
        ],
        row: top + 1 + offset, column: 1, limit: self.width - 2)
    }
  }
}
