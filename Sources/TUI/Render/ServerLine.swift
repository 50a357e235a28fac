internal import Foundation
internal import GafferCore

/// The task queue as the server sees it, in one line — backlog, its trend
/// and age, who polls, add and dispatch rates — so "slots full, backlog
/// 3,200 rising, 2 other workers" reads at a glance. The console's Server
/// row and `gaffer top`'s queue line.
struct ServerLine {
  let view: TaskQueueServerView?
  let now: Date
  let separator: String
  /// Whether this process's worker has polls open now; nil when there is
  /// none (`gaffer top`), and pollers are just counted. Not "running": the
  /// server lists a poller for up to 5 minutes after its last poll, and a
  /// worker with every slot busy does not poll (PROTOCOL.md), so only a
  /// worker polling right now should expect to be listed.
  let workerPolling: Bool?

  /// The worker asks every few seconds; a view older than this says its age.
  static let staleAfter: TimeInterval = 20

  var parts: [(String, Style)] {
    let separator = (self.separator, Style(.dim))
    guard let view = self.view else { return [("not asked (the task queue view is off)", Style(.dim))] }
    if let error = view.error {
      let since = view.answeredAt.map { " · last answer \(Format.interval(from: $0, to: self.now)) ago" } ?? ""
      return [("no answer from the server", Style(.warn, .bold)), (": \(error)\(since)", Style(.warn))]
    }
    guard let answered = view.answeredAt, let first = view.activity ?? view.workflow else {
      return [("asking the server about the task queue…", Style(.dim))]
    }
    // Backlog first, then who polls, then rates: what gives way at 80 columns.
    var parts: [(String, Style)] = []
    if self.now.timeIntervalSince(answered) >= Self.staleAfter {
      parts.append(("as of \(Format.interval(from: answered, to: self.now)) ago: ", Style(.dim)))
    }
    if let workflows = view.workflow, view.activity != nil {
      parts += [("backlog ", Style(.text))] + Self.backlog(first, label: "activities ", brief: true)
      parts += [(", ", Style(.dim))] + Self.backlog(workflows, label: "workflows ", brief: true)
      parts += [separator] + self.pollerSummary(view)
    } else {
      parts += Self.backlog(first, label: "")
      parts += [separator] + self.pollerSummary(view)
      parts += [separator, ("in \(Format.rate(first.addRate))/s out \(Format.rate(first.dispatchRate))/s", Style(.text))]
    }
    return parts
  }

  /// "backlog 3,200 rising (oldest 2m10s)"; with a label (both kinds
  /// shown after one "backlog"), "workflows 12 falling".
  private static func backlog(_ kind: TaskQueueKindView, label: String, brief: Bool = false) -> [(String, Style)] {
    let name = label.isEmpty ? "backlog " : label
    guard kind.backlog > 0 else { return [("\(name)0", Style(.ok))] }
    let rising = kind.trend == .rising
    var parts: [(String, Style)] = [("\(name)\(Format.count(kind.backlog))", Style(.warn, rising ? .bold : []))]
    if let trend = kind.trend, trend != .steady { parts.append((" \(trend.rawValue)", Style(rising ? .warn : .ok))) }
    if !brief || kind.backlogAge >= .seconds(1) {
      parts.append((" (oldest \(Format.duration(kind.backlogAge)))", Style(.dim)))
    }
    return parts
  }

  /// "this worker + 2 others", or a warning when the server does not list
  /// this worker while it polls; without a worker, how many poll.
  private func pollerSummary(_ view: TaskQueueServerView) -> [(String, Style)] {
    let kinds = [view.activity, view.workflow].compactMap { $0 }
    let others = Set(kinds.flatMap(\.otherPollers).map(\.identity)).count
    guard let polling = self.workerPolling else {
      return [(others == 1 ? "1 worker polling" : "\(others) workers polling", Style(others == 0 ? .warn : .text))]
    }
    if kinds.contains(where: \.seesThisWorker) {
      return [("this worker", Style(.ok)), (others == 0 ? " only" : " + \(others) other\(others == 1 ? "" : "s")", Style(.text))]
    }
    let othersText = others == 1 ? "1 other worker" : "\(others) other workers"
    return [("\(othersText); not this one", Style(polling ? .warn : .dim))]
  }
}

extension ConsoleRenderer {
  mutating func drawServer(row: Int) {
    self.drawLabel("Server", row: row)
    let line = ServerLine(
      view: self.snapshot.server, now: self.snapshot.takenAt, separator: self.glyphs.separator,
      workerPolling: self.snapshot.activityPollers.inFlight > 0 || (self.snapshot.workflows?.openPolls ?? 0) > 0)
    self.drawParts(line.parts, row: row, column: Self.labelWidth, limit: self.width - Self.labelWidth - 1)
  }
}
