public import GafferCore
internal import Foundation

/// Draws `gaffer top`: the queue's line, then one row per worker on it —
/// identity, host, SDK, status, slots per kind, pollers, sticky cache, last
/// heartbeat. A pure function of (fleet, sort, size), like the console's.
public struct FleetRenderer {
  private let fleet: FleetSnapshot?
  private let sort: FleetSort
  private let glyphs: Glyphs
  private var screen: Screen

  public static func render(_ fleet: FleetSnapshot?, sort: FleetSort, glyphs: Glyphs, size: TerminalSize) -> Screen {
    var renderer = FleetRenderer(fleet: fleet, sort: sort, glyphs: glyphs, screen: Screen(size: size))
    renderer.draw()
    return renderer.screen
  }

  private var width: Int { self.screen.size.columns }

  /// A column, with the rank it gives way in when the width runs short
  /// (the highest goes first).
  private struct Column: Sendable {
    let title: String
    let width: Int
    let dropRank: Int
    let value: @Sendable (FleetWorker, Date) -> (String, Role)
  }

  private static let columns: [Column] = [
    Column(title: "IDENTITY", width: 26, dropRank: 0) { worker, _ in (worker.identity, .text) },
    Column(title: "STATUS", width: 13, dropRank: 0) { worker, _ in
      guard let status = worker.heartbeat?.status else { return ("polling", .dim) }
      return (status, status == "RUNNING" ? .ok : status == "SHUTTING_DOWN" ? .draining : .dim)
    },
    Column(title: "ACT SLOTS", width: 10, dropRank: 0) { worker, _ in Self.slots(worker.heartbeat?.activitySlots) },
    Column(title: "WF SLOTS", width: 10, dropRank: 3) { worker, _ in Self.slots(worker.heartbeat?.workflowSlots) },
    Column(title: "POLLERS", width: 10, dropRank: 2) { worker, _ in
      guard let beat = worker.heartbeat else {
        return ([worker.pollsActivities ? "act" : nil, worker.pollsWorkflows ? "wf" : nil].compactMap { $0 }.joined(separator: "+"), .dim)
      }
      return ("\(beat.activityPollers)/\(beat.workflowPollers)+\(beat.stickyPollers)", .text)
    },
    Column(title: "STICKY", width: 12, dropRank: 4) { worker, _ in
      guard let beat = worker.heartbeat, beat.stickyCacheHits + beat.stickyCacheMisses + beat.stickyCacheSize > 0 else {
        return ("-", .dim)
      }
      return ("\(Format.count(beat.stickyCacheSize)) \(Format.percent(beat.stickyCacheHits, of: beat.stickyCacheHits + beat.stickyCacheMisses))", .text)
    },
    Column(title: "HEARTBEAT", width: 10, dropRank: 1) { worker, now in
      if let at = worker.heartbeat?.heartbeatAt {
        let age = now.timeIntervalSince(at)
        return ("\(Format.seconds(age)) ago", age > 90 ? .warn : .text)
      }
      return (worker.lastPollAt.map { "poll \(Format.interval(from: $0, to: now))" } ?? "-", .dim)
    },
    Column(title: "SDK", width: 22, dropRank: 5) { worker, _ in
      guard let beat = worker.heartbeat else { return ("-", .dim) }
      return ("\(beat.sdkName) \(beat.sdkVersion)", .text)
    },
    Column(title: "HOST", width: 16, dropRank: 6) { worker, _ in
      guard let beat = worker.heartbeat else { return ("-", .dim) }
      return (beat.processID.isEmpty ? beat.host : "\(beat.host):\(beat.processID)", .text)
    },
  ]

  private static func slots(_ slots: FleetSlots?) -> (String, Role) {
    guard let slots else { return ("-", .dim) }
    guard let available = slots.available else { return ("\(slots.used)/?", .text) }
    let total = slots.used + available
    return ("\(slots.used)/\(total)", total > 0 && available == 0 ? .warn : .text)
  }

  private mutating func draw() {
    guard !self.screen.size.isBelowMinimum else {
      self.screen.put("terminal too small", column: 0, row: 0, style: Style(.warn, .bold))
      return
    }
    self.drawHeader()
    guard let fleet = self.fleet else {
      self.screen.put(" asking the server…", column: 0, row: 2, style: Style(.dim))
      self.drawFooter()
      return
    }
    self.screen.put(" Queue", column: 0, row: 1, style: Style(.text, .bold))
    let line = ServerLine(view: fleet.queue, now: fleet.takenAt, separator: self.glyphs.separator, workerPolling: nil)
    self.drawParts(line.parts, row: 1, column: 12, limit: self.width - 13)
    let withBeats = fleet.workers.filter { $0.heartbeat != nil }.count
    let source: (String, Role) =
      if let error = fleet.heartbeatsError {
        ("no worker heartbeats from the server (\(error)); workers known by their polls", .warn)
      } else if withBeats < fleet.workers.count {
        ("\(withBeats) of \(fleet.workers.count) send worker heartbeats; the rest are known by their polls", .dim)
      } else {
        ("every worker sends worker heartbeats", .dim)
      }
    self.screen.put(" Workers", column: 0, row: 2, style: Style(.text, .bold))
    self.screen.put(source.0, column: 12, row: 2, style: Style(source.1), limit: self.width - 13, ellipsis: self.glyphs.ellipsis)
    self.drawTable(fleet, top: 3)
    self.drawFooter()
  }

  private mutating func drawHeader() {
    let header = Style(.header)
    self.screen.fill(" ", column: 0, row: 0, count: self.width, style: header)
    var column = self.screen.put(" TOP ", column: 0, row: 0, style: Style(.ok, [.bold, .inverse]))
    guard let fleet = self.fleet else { return }
    column += self.screen.put(
      " queue \(fleet.taskQueue)\(self.glyphs.separator)ns \(fleet.namespace)\(self.glyphs.separator)\(fleet.workers.count) worker\(fleet.workers.count == 1 ? "" : "s")",
      column: column, row: 0, style: Style(.header, .bold), limit: self.width - column - 12, ellipsis: self.glyphs.ellipsis)
    let clock = Format.clock(fleet.takenAt) + " "
    self.screen.put(clock, column: self.width - DisplayWidth.of(clock), row: 0, style: header)
  }

  private mutating func drawTable(_ fleet: FleetSnapshot, top: Int) {
    var columns = Self.columns
    while columns.reduce(0, { $0 + $1.width + 1 }) > self.width - 1, let drop = columns.max(by: { $0.dropRank < $1.dropRank }), drop.dropRank > 0 {
      columns.removeAll { $0.title == drop.title }
    }
    self.screen.fill(self.glyphs.horizontal, column: 0, row: top, count: self.width, style: Style(.border))
    self.screen.put(
      " Workers \(fleet.workers.count) ", column: 1, row: top, style: Style(.text, .bold))
    self.screen.put(
      " sorted by \(self.sort.rawValue) ", column: 12 + String(fleet.workers.count).count, row: top, style: Style(.dim))
    var x = 1
    for column in columns {
      self.screen.put(column.title, column: x, row: top + 1, style: Style(.dim, .bold), limit: column.width)
      x += column.width + 1
    }
    let rows = self.screen.size.rows - top - 3
    let workers = self.sort.sorted(fleet.workers)
    if workers.isEmpty {
      self.screen.put("No worker polls this queue or sends heartbeats for it.", column: 1, row: top + 2, style: Style(.dim))
    }
    for (index, worker) in workers.prefix(max(rows, 0)).enumerated() {
      var x = 1
      for column in columns {
        let (text, role) = column.value(worker, fleet.takenAt)
        self.screen.put(text, column: x, row: top + 2 + index, style: Style(role), limit: column.width, ellipsis: self.glyphs.ellipsis)
        x += column.width + 1
      }
    }
    if workers.count > rows, rows > 0 {
      self.screen.put("+\(workers.count - rows) more", column: 1, row: top + 2 + rows, style: Style(.dim))
    }
  }

  private mutating func drawFooter() {
    let row = self.screen.size.rows - 1
    self.screen.fill(" ", column: 0, row: row, count: self.width, style: Style(.dim))
    self.drawParts(
      [(" s", Style(.text, .bold)), (" sort  ", Style(.dim)), ("q", Style(.text, .bold)), (" quit  ", Style(.dim)),
       ("refreshed every 2 s", Style(.dim))],
      row: row, column: 0)
  }

  @discardableResult
  private mutating func drawParts(_ parts: [(String, Style)], row: Int, column: Int, limit: Int? = nil) -> Int {
    self.screen.put(
      parts: parts, row: row, column: column, end: min(column + (limit ?? self.width), self.width),
      ellipsis: self.glyphs.ellipsis)
  }
}
