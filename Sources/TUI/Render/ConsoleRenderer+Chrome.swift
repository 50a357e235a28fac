internal import GafferCore

/// The frame around the data: header, status line, footer, help overlay.
extension ConsoleRenderer {
  static func badge(for lifecycle: WorkerLifecycleState) -> (String, Role) {
    switch lifecycle {
    case .starting: ("STARTING", .dim)
    case .running: ("RUNNING", .ok)
    case .paused: ("PAUSED", .paused)
    case .draining: ("DRAINING", .draining)
    case .stopped: ("STOPPED", .dim)
    case .failed: ("FAILED", .error)
    }
  }

  mutating func drawHeader() {
    let row = ConsoleLayout.headerRow
    let header = Style(.header)
    self.screen.fill(" ", column: 0, row: row, count: self.width, style: header)
    let (badge, role) = Self.badge(for: self.snapshot.lifecycle)
    var column = self.screen.put(" \(badge) ", column: 0, row: row, style: Style(role, [.bold, .inverse]))
    if let attachment = self.state.attachment {
      let (text, role): (String, Role) =
        switch attachment.link {
        case .attached: ("ATTACHED pid \(attachment.pid)", .dim)
        case .workerExited: ("WORKER EXITED", .dim)
        case .lost: ("CONNECTION LOST", .danger)
        }
      column += self.screen.put(" \(text) ", column: column + 1, row: row, style: Style(role, [.bold, .inverse])) + 1
    }
    if self.state.frozen != nil {
      column += self.screen.put(" FROZEN ", column: column + 1, row: row, style: Style(.warn, [.bold, .inverse])) + 1
    }
    let uptime = self.snapshot.startedAt.map { "up \(Format.interval(from: $0, to: self.snapshot.takenAt))" }
    let left =
      " queue \(self.snapshot.taskQueue)\(self.glyphs.separator)ns \(self.snapshot.namespace)"
      + "\(self.glyphs.separator)\(self.snapshot.identity)"
    // The server version gives way first when the width runs short; the
    // task queue, uptime and clock always stay.
    var rightParts = [
      self.snapshot.serverVersion.isEmpty ? nil : "server \(self.snapshot.serverVersion)", uptime,
      Format.clock(self.snapshot.takenAt),
    ].compactMap { $0 }
    var right = rightParts.joined(separator: self.glyphs.separator) + " "
    while rightParts.count > 2, column + DisplayWidth.of(left) + DisplayWidth.of(right) + 1 > self.width {
      rightParts.removeFirst()
      right = rightParts.joined(separator: self.glyphs.separator) + " "
    }
    let rightWidth = DisplayWidth.of(right)
    let leftLimit = self.width - column - rightWidth - 1
    self.screen.put(left, column: column, row: row, style: Style(.header, .bold), limit: leftLimit, ellipsis: self.glyphs.ellipsis)
    self.screen.put(right, column: self.width - rightWidth, row: row, style: header)
  }

  /// The diagnosis, or for a few seconds what a key just did, or the
  /// question a dangerous key asks.
  mutating func drawStatusLine() {
    let row = ConsoleLayout.diagnosisRow
    if case .confirm(let confirmation) = self.state.mode {
      self.screen.fill(" ", column: 0, row: row, count: self.width, style: Style(.danger, [.bold, .inverse]))
      self.screen.put(
        " " + self.question(for: confirmation), column: 0, row: row, style: Style(.danger, [.bold, .inverse]),
        limit: self.width, ellipsis: self.glyphs.ellipsis)
      return
    }
    if let attachment = self.state.attachment, let notice = Self.linkNotice(attachment) {
      self.screen.fill(" ", column: 0, row: row, count: self.width, style: Style(notice.role, [.bold, .inverse]))
      self.screen.put(
        " " + notice.text, column: 0, row: row, style: Style(notice.role, [.bold, .inverse]), limit: self.width,
        ellipsis: self.glyphs.ellipsis)
      return
    }
    if let flash = self.state.flash {
      self.drawParts([("\(self.glyphs.arrow) ", Style(flash.role, .bold)), (flash.message, Style(flash.role))], row: row, column: 1)
      return
    }
    let diagnosis = Diagnosis(snapshot: self.snapshot, slotsFullSince: self.state.slotsFullSince)
    var parts: [(String, Style)] = [
      (diagnosis.isHealthy ? "\(self.glyphs.bullet) " : "! ", Style(diagnosis.isHealthy ? .ok : .warn, .bold))
    ]
    var firstBroken = true
    for (index, part) in diagnosis.parts.enumerated() {
      if index > 0 { parts.append((" — ", Style(.dim))) }
      let broken = part.role != .ok && part.role != .text && part.role != .dim
      parts.append((part.text, Style(part.role, broken && firstBroken ? .bold : [])))
      if broken { firstBroken = false }
    }
    self.drawParts(parts, row: row, column: 1, limit: self.width - 2)
  }

  /// What an attached console says while its worker is out of reach;
  /// the screen below is the last snapshot that arrived.
  static func linkNotice(_ attachment: WorkerAttachment) -> (text: String, role: Role)? {
    switch attachment.link {
    case .attached:
      nil
    case .workerExited(let code):
      ("Worker exited (code \(code)); this is its last snapshot. q quits.", code == 0 ? .dim : .error)
    case .lost(let reason):
      ("Connection lost (\(reason)). q quits; reconnecting to \(attachment.socketPath)", .danger)
    }
  }

  func question(for confirmation: Confirmation) -> String {
    let running = self.snapshot.activities.count
    let grace = Format.duration(self.snapshot.gracefulShutdownTimeout)
    let suffix = "  [y/N]"
    switch confirmation {
    case .gracefulShutdown:
      return "Begin graceful shutdown? Polling stops; \(running) running get \(grace) to finish.\(suffix)"
    case .quit:
      return "Quit? The worker drains first: polling stops; \(running) running get \(grace) to finish.\(suffix)"
    case .forceShutdown:
      return "Force shutdown? \(running) running activities are cancelled now.\(suffix)"
    case .detach:
      return "Detach? The worker goes on. S drains it instead: \(running) running get \(grace) to finish."
    case .cancelActivity(let id):
      let name = self.snapshot.activities.first { $0.id == id }.map { "\($0.activityType) \($0.activityID)" } ?? id
      return "Cancel \(name)? It is reported as cancelled by operator and retried.\(suffix)"
    }
  }

  mutating func drawFooter() {
    let row = self.layout.footerRow
    self.screen.fill(" ", column: 0, row: row, count: self.width, style: Style(.dim))
    var column = 0
    if self.state.readOnly {
      column += self.screen.put(" READ-ONLY ", column: 0, row: row, style: Style(.warn, [.bold, .inverse])) + 1
    }
    switch self.state.mode {
    case .confirm(.detach):
      self.drawParts(
        [(" d", Style(.text, .bold)), (" detach  ", Style(.dim)), ("S", Style(.danger, .bold)), (" drain the worker  ", Style(.dim)),
         ("any other key", Style(.text, .bold)), (" stays", Style(.dim))],
        row: row, column: column)
      return
    case .confirm:
      self.drawParts([(" y", Style(.danger, .bold)), (" confirm  ", Style(.dim)), ("any other key", Style(.text, .bold)), (" cancels", Style(.dim))], row: row, column: column)
      return
    case .filter(let draft):
      self.drawParts(
        [(" filter: ", Style(.text, .bold)), (draft, Style(.selection)), ("_ ", Style(.selection)),
         (" Enter", Style(.text, .bold)), (" apply  ", Style(.dim)), ("Esc", Style(.text, .bold)), (" cancel", Style(.dim))],
        row: row, column: column)
      return
    case .help:
      self.drawParts([(" any key", Style(.text, .bold)), (" closes help", Style(.dim))], row: row, column: column)
      return
    case .main, .detail:
      break
    }
    // Hints that do not fit whole are left out, least important first:
    // `hints(in:)` is already in footer priority order.
    var x = column
    for binding in self.state.keyMap.hints(in: self.state.mode.context) where self.applies(binding) {
      var hint = binding.hint ?? ""
      if binding.action == .togglePause, self.snapshot.lifecycle == .paused { hint = "resume" }
      if binding.action == .toggleWorkflowPolling, self.snapshot.workflows?.paused == true { hint = "resume wf" }
      if binding.action == .toggleFreeze, self.state.frozen != nil { hint = "unfreeze" }
      if binding.action == .toggleGrouped, self.state.grouped { hint = "list" }
      let width = DisplayWidth.of(binding.label) + DisplayWidth.of(hint) + 3
      guard x + width <= self.width else { continue }
      x = self.drawParts([(" \(binding.label)", Style(.text, .bold)), (" \(hint) ", Style(.dim))], row: row, column: x)
    }
  }

  /// A box over the middle of the screen listing every binding.
  mutating func drawHelp() {
    let bindings = self.state.keyMap.bindings
    var lines: [(String, String)] = []
    for binding in bindings where self.applies(binding) {
      guard var help = binding.help else { continue }
      if binding.action == .togglePause, self.snapshot.workflows != nil {
        help = "pause or resume activity polling (running activities go on)"
      }
      lines.append((binding.label, help))
    }
    lines.append(("y", "confirms a question; any other key cancels it"))
    if self.state.attachment != nil {
      lines.append(("Ctrl-C", "detach; the worker goes on"))
    } else {
      lines.append(("Ctrl-C", "graceful shutdown without asking; a second one forces it"))
    }
    if self.state.readOnly { lines.append(("", "read-only: keys that change the worker are off")) }
    let boxWidth = min(self.width - 4, 76)
    // The box may cover the header but never the footer, which says how
    // to close it: with the workflow keys the list needs all 23 rows at 80×24.
    let boxHeight = min(self.screen.size.rows - 1, lines.count + 2)
    let left = (self.width - boxWidth) / 2
    let top = max((self.screen.size.rows - boxHeight) / 2, 0)
    let border = Style(.border, .bold)
    for row in top..<(top + boxHeight) {
      self.screen.fill(" ", column: left, row: row, count: boxWidth, style: Style(.text))
      self.screen.put(String(self.glyphs.vertical), column: left, row: row, style: border)
      self.screen.put(String(self.glyphs.vertical), column: left + boxWidth - 1, row: row, style: border)
    }
    let bottom = top + boxHeight - 1
    self.screen.fill(self.glyphs.horizontal, column: left, row: top, count: boxWidth, style: border)
    self.screen.fill(self.glyphs.horizontal, column: left, row: bottom, count: boxWidth, style: border)
    self.screen.put(String(self.glyphs.topLeft), column: left, row: top, style: border)
    self.screen.put(String(self.glyphs.topRight), column: left + boxWidth - 1, row: top, style: border)
    self.screen.put(String(self.glyphs.bottomLeft), column: left, row: bottom, style: border)
    self.screen.put(String(self.glyphs.bottomRight), column: left + boxWidth - 1, row: bottom, style: border)
    self.screen.put(" Keys ", column: left + 2, row: top, style: Style(.header, .bold))
    for (index, line) in lines.prefix(boxHeight - 2).enumerated() {
      let row = top + 1 + index
      self.screen.put(line.0, column: left + 2, row: row, style: Style(.text, .bold), limit: 10)
      self.screen.put(line.1, column: left + 13, row: row, style: Style(.text), limit: boxWidth - 15, ellipsis: self.glyphs.ellipsis)
    }
  }

  /// Workflow keys mean nothing to a worker without workflows: the footer
  /// and the help leave them out there.
  func applies(_ binding: KeyMap.Binding) -> Bool {
    !binding.action.concernsWorkflows || self.snapshot.workflows != nil
  }
}
