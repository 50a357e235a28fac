internal import Foundation
internal import GafferCore

/// The four summary rows: slots, pollers, throughput, latency.
extension ConsoleRenderer {
  static let labelWidth = 12

  mutating func drawLabel(_ label: String, row: Int) {
    self.screen.put(" " + label, column: 0, row: row, style: Style(.text, .bold), limit: Self.labelWidth)
  }

  /// Activities running (solid), slots reserved by open polls (shaded),
  /// free slots (light); after a shrink, running over the target in red.
  mutating func drawSlots(row: Int) {
    self.drawLabel("Slots", row: row)
    let slots = self.snapshot.activitySlots
    let barWidth = min(max(self.width / 3, 20), 60)
    let scale = max(slots.taken, slots.maximum, 1)
    func cells(_ count: Int) -> Int { Int((Double(count) / Double(scale) * Double(barWidth)).rounded(.up)) }
    let running = cells(min(slots.running, slots.maximum))
    let over = cells(max(slots.running - slots.maximum, 0))
    let reserved = min(cells(slots.reserved), max(barWidth - running - over, 0))
    var column = Self.labelWidth
    self.screen.fill(self.glyphs.barFull, column: column, row: row, count: running, style: Style(slots.isFull ? .warn : .barFill))
    self.screen.fill(self.glyphs.barFull, column: column + running, row: row, count: over, style: Style(.error))
    self.screen.fill(self.glyphs.barReserved, column: column + running + over, row: row, count: reserved, style: Style(.dim))
    let used = running + over + reserved
    self.screen.fill(
      self.glyphs.barEmpty, column: column + used, row: row, count: max(barWidth - used, 0), style: Style(.barEmpty))
    column += barWidth + 1
    var parts: [(String, Style)] = [
      ("\(slots.running)/\(slots.maximum)", Style(slots.isFull ? .warn : .text, .bold)),
      (" running", Style(.dim)),
    ]
    if slots.reserved > 0 {
      parts.append(("\(self.glyphs.separator)\(slots.reserved) held by polls", Style(.dim)))
    }
    if slots.running > slots.maximum {
      parts.append((
        "\(self.glyphs.separator)converging to \(slots.maximum): \(slots.running - slots.maximum) over, no new work until below",
        Style(.warn)))
    } else if slots.waiting > 0 {
      parts.append(("\(self.glyphs.separator)\(slots.waiting) pollers waiting for a slot", Style(.warn)))
    } else {
      parts.append(("\(self.glyphs.separator)\(slots.free) free", Style(.dim)))
    }
    self.drawParts(parts, row: row, column: column)
  }

  mutating func drawPollers(row: Int) {
    self.drawLabel("Pollers", row: row)
    let pollers = self.snapshot.activityPollers
    let now = self.snapshot.takenAt
    var parts: [(String, Style)] =
      if let bounds = pollers.autoscaling {
        [("target \(pollers.configured)", Style(.text)), (" (auto \(bounds.lowerBound)–\(bounds.upperBound))", Style(.dim))]
      } else {
        [("\(pollers.configured) configured", Style(.text))]
      }
    let separator = (self.glyphs.separator, Style(.dim))
    if let until = pollers.backoffUntil, until > now {
      let error = pollers.lastError ?? "poll failed"
      parts += [
        separator,
        ("backing off, retry in \(Format.seconds(until.timeIntervalSince(now).rounded(.up)))", Style(.error, .bold)),
        (": \(error)", Style(.error)),
      ]
      self.drawParts(parts, row: row, column: Self.labelWidth)
      return
    }
    if [.draining, .stopped].contains(self.snapshot.lifecycle) || { if case .failed = self.snapshot.lifecycle { true } else { false } }() {
      parts += [separator, ("stopped", Style(.dim))]
    } else if pollers.paused || self.snapshot.lifecycle == .paused {
      parts += [separator, ("paused", Style(.paused, .bold))]
      if pollers.inFlight > 0 { parts += [separator, ("\(pollers.inFlight) polls finishing", Style(.paused))] }
    } else {
      var counts: [String: Int] = [:]
      for state in pollers.pollers {
        switch state {
        case .polling: counts["polling", default: 0] += 1
        case .waitingForSlot: counts["waiting for a slot", default: 0] += 1
        case .rateLimited: counts["rate limited", default: 0] += 1
        case .backingOff: counts["backing off", default: 0] += 1
        case .paused: counts["paused", default: 0] += 1
        case .stopped: counts["stopped", default: 0] += 1
        }
      }
      parts += [separator, ("\(pollers.inFlight) polling", Style(pollers.inFlight > 0 ? .ok : .warn))]
      for name in ["waiting for a slot", "rate limited", "stopped"] {
        if let count = counts[name] { parts += [separator, ("\(count) \(name)", Style(name == "stopped" ? .dim : .warn))] }
      }
    }
    let lastTask = pollers.lastTaskAt.map { "last task \(Format.interval(from: $0, to: now)) ago" } ?? "no task yet"
    parts += [separator, (lastTask, Style(.dim))]
    if let error = pollers.lastError, let at = pollers.lastErrorAt, now.timeIntervalSince(at) < 300 {
      parts += [separator, ("last error \(Format.interval(from: at, to: now)) ago: \(error)", Style(.warn))]
    }
    self.drawParts(parts, row: row, column: Self.labelWidth)
  }

  mutating func drawThroughput(row: Int) {
    self.drawLabel("Throughput", row: row)
    let half = (self.width - Self.labelWidth) / 2
    // Each cell covers enough seconds that the line spans at least two minutes.
    let labelAndRate = 18
    let sparkWidth = max(half - labelAndRate, 4)
    let secondsPerCell = max(1, Int((120.0 / Double(sparkWidth)).rounded(.up)))
    let samples = self.snapshot.throughput
    let rate = Diagnosis.completionRate(self.snapshot)
    let failedRate = Diagnosis.recentRate(self.snapshot, \.failed)
    var column = Self.labelWidth
    column = self.drawParts([("done/s ", Style(.dim))], row: row, column: column)
    self.drawSparkline(samples.map(\.completed), column: column, row: row, width: sparkWidth, secondsPerCell: secondsPerCell, role: .sparkline)
    self.screen.put(" " + Format.rate(rate), column: column + sparkWidth, row: row, style: Style(.text, .bold))
    column = Self.labelWidth + half
    column = self.drawParts([("fail/s ", Style(.dim))], row: row, column: column)
    self.drawSparkline(samples.map(\.failed), column: column, row: row, width: sparkWidth, secondsPerCell: secondsPerCell, role: .error)
    self.screen.put(
      " " + Format.rate(failedRate), column: column + sparkWidth, row: row,
      style: Style(failedRate > 0 ? .error : .text, .bold))
  }

  /// Newest on the right; each cell sums `secondsPerCell` samples, scaled to
  /// the busiest cell shown.
  mutating func drawSparkline(_ values: [Int], column: Int, row: Int, width: Int, secondsPerCell: Int, role: Role) {
    var cells: [Int] = []
    var end = values.count
    while cells.count < width {
      let start = max(end - secondsPerCell, 0)
      cells.append(start < end ? values[start..<end].reduce(0, +) : 0)
      end = start
    }
    cells.reverse()
    let peak = max(cells.max() ?? 0, 1)
    let levels = self.glyphs.sparkline
    for (offset, value) in cells.enumerated() {
      if value == 0 {
        self.screen.put(String(levels[0]), column: column + offset, row: row, style: Style(.barEmpty))
      } else {
        let level = min(levels.count - 1, max(1, Int((Double(value) / Double(peak) * Double(levels.count - 1)).rounded(.up))))
        self.screen.put(String(levels[level]), column: column + offset, row: row, style: Style(role))
      }
    }
  }

  mutating func drawLatency(row: Int) {
    self.drawLabel("Latency", row: row)
    let execution = self.snapshot.executionLatency
    let queue = self.snapshot.scheduleToStartLatency
    let counters = self.snapshot.counters
    let separator = (self.glyphs.separator, Style(.dim))
    var parts: [(String, Style)] = [
      ("run p50 ", Style(.dim)), (Format.duration(execution.p50), Style(.text, .bold)),
      (" p99 ", Style(.dim)), (Format.duration(execution.p99), Style(.text, .bold)),
      separator,
      ("queued p50 ", Style(.dim)), (Format.duration(queue.p50), Style(.text, .bold)),
      (" p99 ", Style(.dim)), (Format.duration(queue.p99), Style(.text, .bold)),
      separator,
      (Format.count(counters.completed), Style(.ok, .bold)), (" done ", Style(.dim)),
      (Format.count(counters.failed), Style(counters.failed > 0 ? .error : .text, .bold)), (" failed ", Style(.dim)),
      (Format.count(counters.cancelled), Style(.text, .bold)), (" cancelled", Style(.dim)),
    ]
    if counters.abandoned > 0 {
      parts += [separator, ("\(counters.abandoned) stuck", Style(.error, .bold))]
    }
    if counters.reportsAbandoned > 0 {
      parts += [separator, ("\(counters.reportsAbandoned) reports lost", Style(.error, .bold))]
    }
    self.drawParts(parts, row: row, column: Self.labelWidth)
  }
}
