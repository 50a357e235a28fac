internal import Foundation
internal import GafferCore

/// The full workflow panel, below the in-flight table: slots, pollers,
/// cache and outcomes, the workflow tasks in flight, the recent failures.
extension ConsoleRenderer {
  /// Elapsed turns yellow halfway to the server's default workflow task
  /// timeout (10 s) and red past it, when the server hands the task out again.
  static let slowWorkflowTask: TimeInterval = 5
  static let workflowTaskTimeout: TimeInterval = 10

  mutating func drawWorkflowPanel(_ workflows: WorkflowTasksSnapshot, top: Int, listRows: Int) {
    var title: Parts = [("Workflows", Style(.text, .bold))]
    if self.workflowPollingStopped {
      title.append(("polling stopped", Style(.dim)))
    } else if workflows.paused {
      title.append(("workflow polling paused", Style(.paused, [.bold, .inverse])))
    }
    let used = Self.width(of: title) + 3 * title.count + 2
    title.append((Self.typesText(workflows.registeredTypes, budget: self.width - used - 4), Style(.dim)))
    self.drawRule(row: top, title: title)

    self.drawWorkflowSlots(workflows, row: top + 1)
    self.drawLabel("Pollers", row: top + 2)
    var pollers = self.workflowPollerParts(workflows, long: true)
    if self.workflowPollingStopped {
      pollers += [self.separatorPart, ("stopped", Style(.dim))]
    } else if workflows.paused {
      pollers += [self.separatorPart, ("paused", Style(.paused, .bold))]
    }
    if let sticky = workflows.stickyQueue {
      pollers += [self.separatorPart, ("sticky queue ", Style(.dim)), (sticky, Style(.text))]
    }
    self.drawParts(pollers, row: top + 2, column: Self.labelWidth)
    self.drawLabel("Cache", row: top + 3)
    var cache = self.cacheParts(workflows, long: true)
    let evictions = workflows.cacheEvictions.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
    if !evictions.isEmpty {
      cache += [
        self.separatorPart, ("evicted ", Style(.dim)),
        (evictions.map { "\(Format.count($0.value)) \($0.key)" }.joined(separator: ", "), Style(.text)),
      ]
    }
    self.drawParts(cache, row: top + 3, column: Self.labelWidth)
    self.drawLabel("Outcomes", row: top + 4)
    self.drawParts(
      Self.firstFitting(
        [
          self.workflowCounterParts(workflows.counters, .full),
          self.workflowCounterParts(workflows.counters, .short),
        ], width: self.width - Self.labelWidth),
      row: top + 4, column: Self.labelWidth)

    let columns = WorkflowTaskColumns(width: self.width)
    let split = WorkflowPanelLayout.split(listRows: listRows, failures: workflows.recentFailures.count)
    self.drawInFlightWorkflowTasks(workflows.inFlight, top: top + 5, rows: split.inFlight, columns: columns)
    self.drawWorkflowFailures(
      workflows.recentFailures, top: top + 6 + split.inFlight, rows: split.failures, columns: columns)
  }

  /// Like the activity slots bar, without reservations: the snapshot counts
  /// the workflow tasks running against the maximum.
  private mutating func drawWorkflowSlots(_ workflows: WorkflowTasksSnapshot, row: Int) {
    self.drawLabel("Slots", row: row)
    let running = workflows.slotsRunning
    let maximum = workflows.slotsMaximum
    let full = maximum > 0 && running >= maximum
    let barWidth = min(max(self.width / 3, 20), 60)
    let scale = max(running, maximum, 1)
    func cells(_ count: Int) -> Int { Int((Double(count) / Double(scale) * Double(barWidth)).rounded(.up)) }
    let within = cells(min(running, maximum))
    let over = cells(max(running - maximum, 0))
    var column = Self.labelWidth
    self.screen.fill(self.glyphs.barFull, column: column, row: row, count: within, style: Style(full ? .warn : .barFill))
    self.screen.fill(self.glyphs.barFull, column: column + within, row: row, count: over, style: Style(.error))
    self.screen.fill(
      self.glyphs.barEmpty, column: column + within + over, row: row, count: max(barWidth - within - over, 0),
      style: Style(.barEmpty))
    column += barWidth + 1
    var parts: Parts = [("\(running)/\(maximum)", Style(full ? .warn : .text, .bold)), (" running", Style(.dim))]
    if running > maximum {
      parts.append((
        "\(self.glyphs.separator)converging to \(maximum): \(running - maximum) over, no new workflow tasks until below",
        Style(.warn)))
    } else if full {
      parts.append(("\(self.glyphs.separator)all taken: new workflow tasks wait for a slot", Style(.warn)))
    } else {
      parts.append(("\(self.glyphs.separator)\(maximum - running) free", Style(.dim)))
    }
    self.drawParts(parts, row: row, column: column)
  }

  /// Longest running first, as the snapshot orders them: a task that stays
  /// here is the one to look at.
  private mutating func drawInFlightWorkflowTasks(
    _ tasks: [InFlightWorkflowTask], top: Int, rows: Int, columns: WorkflowTaskColumns
  ) {
    let now = self.snapshot.takenAt
    let lines = tasks.map { task -> Parts in
      let elapsed = now.timeIntervalSince(task.startedAt)
      let elapsedRole: Role =
        elapsed >= Self.workflowTaskTimeout ? .error : elapsed >= Self.slowWorkflowTask ? .warn : .text
      return [
        (task.workflowType, Style(.text)),
        (task.workflowID, Style(.text)),
        ("\(task.attempt)", Style(task.attempt > 1 ? .warn : .text)),
        (Format.duration(.milliseconds(Int64((elapsed * 1000).rounded()))), Style(elapsedRole)),
        (task.cached ? "hit" : "miss", Style(task.cached ? .dim : .text)),
      ]
    }
    self.drawWorkflowList(
      headings: ["IN FLIGHT", "WORKFLOW ID", "ATT", "ELAPSED", "CACHE"], starts: columns.inFlightStarts,
      widths: [columns.type, columns.workflowID, columns.attempt, columns.elapsed, columns.cache],
      lines: lines, empty: "No workflow tasks running.", rest: "more", top: top, rows: rows)
  }

  /// Newest first. A failure older than the diagnosis's window is dimmed:
  /// still worth reading, no longer news.
  private mutating func drawWorkflowFailures(
    _ failures: [WorkflowTaskFailureRecord], top: Int, rows: Int, columns: WorkflowTaskColumns
  ) {
    let now = self.snapshot.takenAt
    let lines = failures.reversed().map { failure -> Parts in
      let recent = now.timeIntervalSince(failure.at) < Diagnosis.workflowFailureWindow
      return [
        (failure.workflowType, Style(recent ? .text : .dim)),
        (failure.workflowID, Style(recent ? .text : .dim)),
        ("\(Format.interval(from: failure.at, to: now)) ago", Style(.dim)),
        failure.nondeterminism
          ? ("NONDETERMINISM", Style(recent ? .error : .dim, .bold)) : ("failed", Style(recent ? .error : .dim)),
        (failure.message, Style(recent ? .text : .dim)),
      ]
    }
    self.drawWorkflowList(
      headings: ["FAILURES", "WORKFLOW ID", "WHEN", "KIND", "MESSAGE"], starts: columns.failureStarts,
      widths: [columns.type, columns.workflowID, columns.age, columns.kind, columns.message],
      lines: lines, empty: "No workflow-task failures.", rest: "older", top: top, rows: rows)
  }

  /// A headed list in `rows` rows under its heading: `empty` when there is
  /// nothing, else as many lines as fit and "+N <rest>" for the others.
  private mutating func drawWorkflowList(
    headings: [String], starts: [Int], widths: [Int], lines: [Parts], empty: String, rest: String, top: Int,
    rows: Int
  ) {
    for (index, heading) in headings.enumerated() {
      self.screen.put(heading, column: starts[index], row: top, style: Style(.dim, .bold), limit: widths[index])
    }
    guard !lines.isEmpty else {
      self.screen.put(empty, column: 1, row: top + 1, style: Style(.dim))
      return
    }
    let shown = lines.count > rows ? rows - 1 : lines.count
    for (offset, cells) in lines.prefix(shown).enumerated() {
      for (index, cell) in cells.enumerated() {
        self.screen.put(
          cell.0, column: starts[index], row: top + 1 + offset, style: cell.1, limit: widths[index],
          ellipsis: self.glyphs.ellipsis)
      }
    }
    if shown < lines.count {
      self.screen.put("+\(lines.count - shown) \(rest)", column: 1, row: top + 1 + shown, style: Style(.dim))
    }
  }

  /// `3 types: OrderWorkflow, RefundWorkflow, ShipmentWorkflow`, as many
  /// names as fit in `budget` columns and a count of the rest.
  static func typesText(_ types: [String], budget: Int) -> String {
    guard !types.isEmpty else { return "no types registered" }
    var text = types.count == 1 ? "1 type: " : "\(types.count) types: "
    for (index, name) in types.enumerated() {
      let candidate = text + (index > 0 ? ", " : "") + name
      let rest = types.count - index - 1
      let tail = rest > 0 ? ", +\(rest) more" : ""
      if DisplayWidth.of(candidate + tail) > budget {
        return index == 0 ? "\(types.count) types" : text + ", +\(types.count - index) more"
      }
      text = candidate
    }
    return text
  }
}
