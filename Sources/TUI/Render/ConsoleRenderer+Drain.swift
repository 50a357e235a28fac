internal import Foundation
internal import GafferCore

/// The drain panel: where a graceful shutdown stands and what it will cancel.
extension ConsoleRenderer {
  mutating func drawDrainPanel(top: Int) {
    guard let drain = self.snapshot.drain else { return }
    let now = self.snapshot.takenAt
    let elapsed = Format.interval(from: drain.startedAt, to: now)
    self.drawRule(
      row: top,
      title: [("Draining", Style(.draining, .bold)), ("begun \(elapsed) ago", Style(.dim))])

    // The phases in order, the current one highlighted, those behind plain,
    // those ahead dimmed.
    let left = drain.deadline.timeIntervalSince(now)
    let current: Int
    switch drain.phase {
    case .waitingForActivities: current = 1
    case .cancelling: current = 2
    case .finished: current = 3
    }
    let phases = [
      "polling stopped",
      drain.phase == .waitingForActivities
        ? "waiting on \(drain.remaining), grace ends in \(Format.countdown(left))" : "grace over",
      drain.phase == .cancelling ? "cancelling \(drain.remaining)" : "cancelling",
      "exited",
    ]
    var parts: [(String, Style)] = []
    for (index, phase) in phases.enumerated() {
      if index > 0 { parts.append((" \(self.glyphs.arrow) ", Style(.dim))) }
      if index == current {
        parts.append((" \(phase) ", Style(.draining, [.bold, .inverse])))
      } else {
        parts.append((phase, Style(index < current ? .text : .dim)))
      }
    }
    self.drawParts(parts, row: top + 1, column: 1, limit: self.width - 2)

    let finished = max(drain.inFlightAtStart - drain.remaining, 0)
    let barWidth = min(max(self.width / 3, 20), 60)
    let filled =
      drain.inFlightAtStart == 0
      ? barWidth : Int((Double(finished) / Double(drain.inFlightAtStart) * Double(barWidth)).rounded(.down))
    self.screen.fill(self.glyphs.barFull, column: 1, row: top + 2, count: filled, style: Style(.draining))
    self.screen.fill(self.glyphs.barEmpty, column: 1 + filled, row: top + 2, count: barWidth - filled, style: Style(.barEmpty))
    self.drawParts(
      [
        ("\(finished) of \(drain.inFlightAtStart) finished", Style(.text, .bold)),
        (self.glyphs.separator, Style(.dim)),
        ("\(drain.remaining) remaining", Style(drain.remaining > 0 ? .draining : .ok, .bold)),
      ],
      row: top + 2, column: barWidth + 2)

    let remaining = self.snapshot.activities
    let label: String
    switch drain.phase {
    case .waitingForActivities: label = "Cancelled when grace expires: "
    case .cancelling: label = "Being cancelled: "
    case .finished: label = ""
    }
    guard !label.isEmpty, !remaining.isEmpty else {
      self.screen.put(
        drain.phase == .finished ? "Everything finished; the worker is exiting." : "Nothing left to cancel.",
        column: 1, row: top + 3, style: Style(.ok))
      return
    }
    var line: [(String, Style)] = [(label, Style(.danger, .bold))]
    var used = DisplayWidth.of(label) + 1
    for (index, activity) in remaining.enumerated() {
      let name = (index > 0 ? ", " : "") + "\(activity.activityType) (\(activity.workflowID))"
      let more = " +\(remaining.count - index) more"
      if used + DisplayWidth.of(name) + DisplayWidth.of(more) + 2 > self.width {
        line.append((more, Style(.danger)))
        break
      }
      line.append((name, Style(.text)))
      used += DisplayWidth.of(name)
    }
    self.drawParts(line, row: top + 3, column: 1, limit: self.width - 2)
  }
}
