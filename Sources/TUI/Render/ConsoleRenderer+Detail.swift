internal import Foundation
internal import GafferCore

/// Everything about one activity, in the table's place.
extension ConsoleRenderer {
  mutating func drawDetail(activityID: String) {
    let top = self.layout.tableTop
    let bottom = self.layout.footerRow
    guard let activity = self.snapshot.activities.first(where: { $0.id == activityID }) else {
      self.drawRule(row: top, title: [("Activity", Style(.text, .bold))])
      self.screen.put(
        "This activity is no longer running: it finished, failed or was cancelled. Esc goes back.",
        column: 1, row: top + 1, style: Style(.dim), limit: self.width - 2)
      return
    }
    self.drawRule(
      row: top,
      title: [("\(activity.activityType) \(activity.activityID)", Style(.text, .bold)), ("attempt \(activity.attempt)", Style(.dim))])
    let now = self.snapshot.takenAt
    let heartbeat = activity.heartbeat
    func ago(_ date: Date?) -> String {
      date.map { "\(Format.interval(from: $0, to: now)) ago (\(Format.clock($0)))" } ?? "never"
    }
    var fields: [(String, String, Style)] = [
      ("Workflow", "\(activity.workflowID)  (\(activity.workflowType), run \(activity.workflowRunID))", Style(.text)),
      ("Started", ago(activity.startedAt), Style(.text)),
    ]
    if let limit = activity.startToCloseTimeout {
      fields.append(("Start-to-close", Format.duration(limit), Style(.text)))
    }
    if let deadline = activity.deadline {
      let left = deadline.timeIntervalSince(now)
      fields.append((
        "Deadline", "\(Format.clock(deadline)), \(left > 0 ? "\(Format.seconds(left)) left" : "passed")",
        Style(left > 0 ? .text : .error)))
    }
    let health = Self.health(of: activity)
    fields.append(("Heartbeat", health.0, health.1))
    fields.append((
      "Timeout", activity.heartbeatTimeout.map { "\(Format.duration($0)) between heartbeats" } ?? "none (heartbeats not required)",
      Style(.text)))
    fields.append(("Calls", "\(heartbeat.count) heartbeat calls", Style(.text)))
    fields.append(("Last recorded", ago(heartbeat.lastRecordedAt), Style(.text)))
    fields.append(("Last sent", ago(heartbeat.lastSentAt), Style(.text)))
    fields.append(("Acknowledged", ago(heartbeat.lastAcknowledgedAt), Style(.text)))
    if let reason = activity.cancellation {
      fields.append(("Cancellation", "\(reason) \(ago(activity.cancelRequestedAt))", Style(.danger, .bold)))
    }
    if activity.abandonedAt != nil {
      fields.append((
        "Stuck", "ignored cancellation; abandoned \(ago(activity.abandonedAt)), slot held",
        Style(.error, .bold)))
    }
    fields.append(("Details", Self.detailsText(heartbeat.lastDetails), Style(.text)))
    if let pending = heartbeat.pendingDetails {
      fields.append(("Not yet sent", Self.detailsText(pending), Style(.dim)))
    }
    fields.append(("Command id", activity.id, Style(.dim)))

    var row = top + 1
    let valueColumn = 17
    let valueWidth = self.width - valueColumn - 1
    for (label, value, style) in fields where row < bottom {
      self.screen.put(label, column: 1, row: row, style: Style(.dim, .bold), limit: valueColumn - 2)
      // Details can be long: wrap them over the rows that are left.
      var rest = Substring(value)
      repeat {
        let piece = rest.prefix(max(valueWidth, 1))
        self.screen.put(String(piece), column: valueColumn, row: row, style: style, limit: valueWidth)
        rest = rest.dropFirst(piece.count)
        row += 1
      } while !rest.isEmpty && label == "Details" && row < bottom - 1
    }
  }
}
