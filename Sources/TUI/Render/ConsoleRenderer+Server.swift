internal import Foundation
internal import GafferCore

/// The Server row: the task queue as the server sees it — backlog, its
/// trend and age, add and dispatch rates, and which workers poll it — so
/// "slots full, backlog 3,200 rising, 2 other workers" reads at a glance.
extension ConsoleRenderer {
  mutating func drawServer(row: Int) {
    self.drawLabel("Server", row: row)
    let separator = (self.glyphs.separator, Style(.dim))
    guard let view = self.snapshot.server else {
      self.drawParts([("not asked (the task queue view is off)", Style(.dim))], row: row, column: Self.labelWidth)
      return
    }
    let now = self.snapshot.takenAt
    if let error = view.error {
      let since = view.answeredAt.map { " · last answer \(Format.interval(from: $0, to: now)) ago" } ?? ""
      self.drawParts(
        [("no answer from the server", Style(.warn, .bold)), (": \(error)\(since)", Style(.warn))],
        row: row, column: Self.labelWidth, limit: self.width - Self.labelWidth - 1)
      return
    }
    guard view.answeredAt != nil, let activity = view.activity ?? view.workflow else {
      self.drawParts([("asking the server about the task queue…", Style(.dim))], row: row, column: Self.labelWidth)
      return
    }
    // Backlog first, then who polls, then rates: what gives way at 80 columns.
    var parts: [(String, Style)] = []
    if let workflows = view.workflow, view.activity != nil {
      parts += [("backlog ", Style(.text))] + self.backlog(activity, label: "activities ", brief: true)
      parts += [(", ", Style(.dim))] + self.backlog(workflows, label: "workflows ", brief: true)
      parts += [separator] + self.pollerSummary(view)
    } else {
      parts += self.backlog(activity, label: "")
      parts += [separator] + self.pollerSummary(view)
      parts += [separator, ("in \(Format.rate(activity.addRate))/s out \(Format.rate(activity.dispatchRate))/s", Style(.text))]
    }
    if let answered = view.answeredAt, now.timeIntervalSince(answered) >= Self.staleAfter {
      parts.insert(("as of \(Format.interval(from: answered, to: now)) ago: ", Style(.dim)), at: 0)
    }
    self.drawParts(parts, row: row, column: Self.labelWidth, limit: self.width - Self.labelWidth - 1)
  }

  /// The worker asks every few seconds; a view older than this says its age.
  static let staleAfter: TimeInterval = 20

  /// "backlog 3,200 rising (oldest 2m10s)"; with a label (both kinds
  /// shown after one "backlog"), "workflows 12 falling".
  private func backlog(_ kind: TaskQueueKindView, label: String, brief: Bool = false) -> [(String, Style)] {
    let name = label.isEmpty ? "backlog " : label
    guard kind.backlog > 0 else { return [("\(name)0", Style(.ok))] }
    let rising = kind.trend == .rising
    var parts: [(String, Style)] = [
      ("\(name)\(Format.count(kind.backlog))", Style(.warn, rising ? .bold : [])),
    ]
    if let trend = kind.trend, trend != .steady { parts.append((" \(trend.rawValue)", Style(rising ? .warn : .ok))) }
    if !brief || kind.backlogAge >= .seconds(1) {
      parts.append((" (oldest \(Format.duration(kind.backlogAge)))", Style(.dim)))
    }
    return parts
  }

  /// "this worker + 2 others", or a warning when the server does not list
  /// this worker while it polls.
  private func pollerSummary(_ view: TaskQueueServerView) -> [(String, Style)] {
    let kinds = [view.activity, view.workflow].compactMap { $0 }
    let others = Set(kinds.flatMap(\.otherPollers).map(\.identity)).count
    let seen = kinds.contains { $0.seesThisWorker }
    if seen {
      return [("this worker", Style(.ok)), (others == 0 ? " only" : " + \(others) other\(others == 1 ? "" : "s")", Style(.text))]
    }
    let othersText = others == 1 ? "1 other worker" : "\(others) other workers"
    let polling = self.snapshot.lifecycle == .running || self.snapshot.lifecycle == .starting
    return [("\(othersText); not this one", Style(polling ? .warn : .dim))]
  }
}
