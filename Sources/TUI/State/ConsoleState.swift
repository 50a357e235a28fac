public import Foundation
public import GafferCore

/// Everything the console remembers between frames: mode, selection, sort,
/// filter, freeze, the last message. A plain state machine: events in,
/// effects out; the console performs the effects.
public struct ConsoleState: Hashable, Sendable {
  public var mode: ConsoleMode = .main
  public var sort: SortOrder = .elapsed
  public var grouped = false
  /// Applied filter on activity type or workflow id; empty shows all.
  public var filter = ""
  /// Set while the display is frozen: what it shows instead of live data.
  public var frozen: WorkerSnapshot?
  /// The selected activity, followed as the table reorders.
  public var selectedID: String?
  /// The selected row, kept when the selected activity finishes.
  public var selectedRow = 0
  /// The first table row on screen.
  public var scrollOffset = 0
  public let readOnly: Bool
  public var flash: Flash?
  /// Since when every activity slot has been taken (for the diagnosis line).
  public var slotsFullSince: Date?
  public var interrupts = 0
  /// Set for a console attached to a worker in another process; the
  /// console loop keeps its link up to date.
  public var attachment: WorkerAttachment?

  public let keyMap: KeyMap

  public init(readOnly: Bool = false, attachment: WorkerAttachment? = nil) {
    self.readOnly = readOnly
    self.attachment = attachment
    self.keyMap = KeyMap(readOnly: readOnly, attached: attachment != nil)
  }

  /// How long a flash stays up.
  static let flashLifetime: TimeInterval = 4

  /// Follows a new snapshot: keeps the selection on its activity (or its row,
  /// when the activity finished), and tracks how long slots have been full.
  public mutating func observe(_ snapshot: WorkerSnapshot, size: TerminalSize) {
    let slots = snapshot.activitySlots
    if slots.isFull {
      if self.slotsFullSince == nil { self.slotsFullSince = snapshot.takenAt }
    } else {
      self.slotsFullSince = nil
    }
    if let flash = self.flash, flash.until <= snapshot.takenAt { self.flash = nil }
    self.reconcileSelection(in: self.displayed(snapshot), size: size)
  }

  /// What the screen shows: the frozen snapshot, else the live one.
  public func displayed(_ live: WorkerSnapshot) -> WorkerSnapshot { self.frozen ?? live }

  /// The table rows in the current sort and filter.
  public func rows(of snapshot: WorkerSnapshot) -> [InFlightActivity] {
    ActivityList.rows(of: snapshot.activities, sort: self.sort, filter: self.filter)
  }

  public mutating func handle(_ event: ConsoleEvent, live: WorkerSnapshot, size: TerminalSize) -> [ConsoleEffect] {
    let now = live.takenAt
    switch event {
    case .interrupt:
      // The worker is another process's: Ctrl-C leaves it running.
      if self.attachment != nil { return [.detach] }
      self.interrupts += 1
      if self.interrupts == 1 {
        self.mode = .main
        self.say("Shutting down gracefully. Interrupt again to force.", .draining, now)
        return [.send(.beginGracefulShutdown)]
      }
      self.say("Forcing shutdown: cancelling what still runs.", .danger, now)
      return [.send(.forceShutdown)]
    case .commandRefused(let message):
      self.say(message, .error, now)
      return []
    case .key(let key):
      return self.press(key, live: live, size: size, now: now)
    }
  }

  private mutating func press(_ key: Key, live: WorkerSnapshot, size: TerminalSize, now: Date) -> [ConsoleEffect] {
    switch self.mode {
    case .confirm(.detach):
      self.mode = .main
      return self.answerDetach(key, now: now)
    case .confirm(let confirmation):
      self.mode = .main
      guard key == .character("y") || key == .character("Y") else {
        self.say("Cancelled: nothing was changed.", .dim, now)
        return []
      }
      return self.confirm(confirmation, live: live, now: now)
    case .filter(let draft):
      return self.editFilter(draft, key: key)
    case .help:
      // Any key closes help, so nobody gets stuck in it.
      self.mode = .main
      return []
    case .main, .detail:
      guard let action = self.keyMap.action(for: key, in: self.mode.context) else {
        if self.readOnly, KeyMap.all.contains(where: { $0.keys.contains(key) && $0.action.changesWorker }) {
          self.say("Read-only console: \(key) would change the worker.", .warn, now)
        }
        return []
      }
      return self.perform(action, live: live, size: size, now: now)
    }
  }

  private mutating func perform(
    _ action: ConsoleAction, live: WorkerSnapshot, size: TerminalSize, now: Date
  ) -> [ConsoleEffect] {
    let shown = self.displayed(live)
    switch action {
    case .togglePause:
      // With workflows, `p` is the activity side's only: `w` pauses the other.
      let side = live.workflows == nil ? "Polling" : "Activity polling"
      switch live.lifecycle {
      case .paused:
        self.say("\(side) resumed.", .ok, now)
        return [.send(.resume)]
      case .running, .starting:
        let workflows = live.workflows == nil ? "" : " (workflow polling: w)"
        self.say("\(side) paused; running activities go on\(workflows).", .paused, now)
        return [.send(.pause)]
      default:
        self.say("Can't pause or resume: the worker is \(live.lifecycle).", .warn, now)
        return []
      }
    case .changeMaxConcurrentActivities(let delta):
      let current = live.activitySlots.maximum
      let target = max(1, current + delta)
      guard target != current else {
        self.say("Max concurrent activities is already 1, the minimum. Pause polling (p) to stop taking work.", .warn, now)
        return []
      }
      self.say("Max concurrent activities \(current) → \(target).", .ok, now)
      return [.send(.setMaxConcurrentActivities(target))]
    case .toggleWorkflowPolling:
      return self.toggleWorkflowPolling(live: live, now: now)
    case .changeMaxConcurrentWorkflowTasks(let delta):
      return self.changeMaxConcurrentWorkflowTasks(by: delta, live: live, now: now)
    case .selectNext, .selectPrevious, .pageDown, .pageUp, .selectFirst, .selectLast:
      self.move(action, in: shown, size: size)
      return []
    case .openDetail:
      guard !self.grouped, let id = self.selectedID, shown.activities.contains(where: { $0.id == id }) else { return [] }
      self.mode = .detail(activityID: id)
      return []
    case .back:
      if self.mode == .main, !self.filter.isEmpty {
        self.filter = ""
        self.reconcileSelection(in: shown, size: size)
      }
      self.mode = .main
      return []
    case .cycleSort:
      self.sort = self.sort.next
      self.reconcileSelection(in: shown, size: size)
      return []
    case .toggleGrouped:
      self.grouped.toggle()
      return []
    case .beginFilter:
      self.mode = .filter(draft: self.filter)
      return []
    case .toggleFreeze:
      self.frozen = self.frozen == nil ? live : nil
      return []
    case .toggleHelp:
      self.mode = self.mode == .help ? .main : .help
      return []
    case .askGracefulShutdown:
      return self.ask(.gracefulShutdown, live: live, now: now)
    case .askForceShutdown:
      return self.ask(.forceShutdown, live: live, now: now)
    case .quit:
      return self.ask(.quit, live: live, now: now)
    case .detach:
      return self.detach(live: live)
    case .askCancelActivity:
      guard case .detail(let id) = self.mode else { return [] }
      return self.ask(.cancelActivity(id: id), live: live, now: now)
    }
  }

  private mutating func ask(_ confirmation: Confirmation, live: WorkerSnapshot, now: Date) -> [ConsoleEffect] {
    switch (confirmation, live.lifecycle) {
    case (.gracefulShutdown, .draining), (.quit, .draining):
      self.say("Already draining. K forces the shutdown.", .draining, now)
      return []
    case (_, .stopped), (_, .failed):
      self.say("The worker has already stopped.", .dim, now)
      return []
    default:
      self.mode = .confirm(confirmation)
      return []
    }
  }

  private mutating func confirm(_ confirmation: Confirmation, live: WorkerSnapshot, now: Date) -> [ConsoleEffect] {
    switch confirmation {
    case .gracefulShutdown, .quit:
      self.say("Graceful shutdown begun: polling stopped, running activities finishing.", .draining, now)
      return [.send(.beginGracefulShutdown)]
    case .forceShutdown:
      self.say("Forcing shutdown: cancelling what still runs.", .danger, now)
      return [.send(.forceShutdown)]
    case .detach:
      return [.detach]
    case .cancelActivity(let id):
      self.mode = .detail(activityID: id)
      self.say("Cancelling activity \(id).", .warn, now)
      return [.send(.cancelActivity(id: id))]
    }
  }

  private mutating func editFilter(_ draft: String, key: Key) -> [ConsoleEffect] {
    switch key {
    case .enter:
      self.filter = draft
      self.mode = .main
      self.selectedRow = 0
      self.selectedID = nil
      self.scrollOffset = 0
    case .escape:
      self.mode = .main
    case .backspace:
      self.mode = .filter(draft: String(draft.dropLast()))
    case .character(let character):
      self.mode = .filter(draft: draft + String(character))
    default:
      break
    }
    return []
  }

  private mutating func move(_ action: ConsoleAction, in snapshot: WorkerSnapshot, size: TerminalSize) {
    let count = self.grouped ? ActivityList.groups(of: snapshot.activities).count : self.rows(of: snapshot).count
    guard count > 0 else { return }
    let page = max(1, ConsoleLayout(size: size, snapshot: snapshot).tableBodyRows)
    var row = self.selectedRow
    switch action {
    case .selectNext: row += 1
    case .selectPrevious: row -= 1
    case .pageDown: row += page
    case .pageUp: row -= page
    case .selectFirst: row = 0
    case .selectLast: row = count - 1
    default: break
    }
    self.selectedRow = min(max(row, 0), count - 1)
    self.selectedID = nil
    self.reconcileSelection(in: snapshot, size: size)
    if case .detail = self.mode, let id = self.selectedID { self.mode = .detail(activityID: id) }
  }

  /// Puts the selection back on its activity, or on the same row when that
  /// activity is gone, and scrolls so the selected row is on screen.
  mutating func reconcileSelection(in snapshot: WorkerSnapshot, size: TerminalSize) {
    let page = max(1, ConsoleLayout(size: size, snapshot: snapshot).tableBodyRows)
    let count: Int
    if self.grouped {
      count = ActivityList.groups(of: snapshot.activities).count
    } else {
      let rows = self.rows(of: snapshot)
      count = rows.count
      if let id = self.selectedID, let index = rows.firstIndex(where: { $0.id == id }) {
        self.selectedRow = index
      }
      self.selectedID = rows.isEmpty ? nil : rows[min(max(self.selectedRow, 0), max(count - 1, 0))].id
    }
    self.selectedRow = min(max(self.selectedRow, 0), max(count - 1, 0))
    if self.selectedRow < self.scrollOffset { self.scrollOffset = self.selectedRow }
    if self.selectedRow >= self.scrollOffset + page { self.scrollOffset = self.selectedRow - page + 1 }
    self.scrollOffset = min(max(self.scrollOffset, 0), max(count - page, 0))
  }

  mutating func say(_ message: String, _ role: Role, _ now: Date) {
    self.flash = Flash(message, role: role, until: now.addingTimeInterval(Self.flashLifetime))
  }
}
