import Foundation
import GafferCore
import GafferTUI

/// A named screen to render: a snapshot and the console state around it.
struct Scenario: Sendable, CustomStringConvertible {
  var name: String
  var snapshot: WorkerSnapshot
  var state: ConsoleState
  var log: [LogLine] = SnapshotFixtures.log

  var description: String { self.name }

  func render(_ size: TerminalSize, glyphs: Glyphs = .unicode) -> Screen {
    var state = self.state
    state.observe(self.snapshot, size: size)
    return ConsoleRenderer.render(self.snapshot, state: state, log: self.log, glyphs: glyphs, size: size)
  }

  static func with(_ name: String, _ snapshot: WorkerSnapshot, _ change: (inout ConsoleState) -> Void = { _ in }) -> Scenario {
    var state = ConsoleState()
    change(&state)
    return Scenario(name: name, snapshot: snapshot, state: state)
  }

  typealias F = SnapshotFixtures

  /// One activity ignored its cancellation past its deadline: abandoned,
  /// its slot still taken.
  static var stuck: WorkerSnapshot {
    var activities = F.mixedActivities
    activities[0].cancellation = .timedOut
    activities[0].cancelRequestedAt = F.ago(17)
    activities[0].abandonedAt = F.ago(12)
    var snapshot = F.base(activities: activities)
    snapshot.counters.abandoned = 1
    return snapshot
  }

  static let all: [Scenario] = [
    .with("normal", F.base()),
    .with("paused", F.base(
      lifecycle: .paused,
      pollers: PollerGroupSnapshot(kind: .activity, configured: 5, inFlight: 0, paused: true, lastPollAt: F.ago(40), lastTaskAt: F.ago(41), pollers: Array(repeating: .paused, count: 5)))),
    .with("backoff", F.base(
      activities: Array(F.mixedActivities.prefix(3)),
      pollers: PollerGroupSnapshot(
        kind: .activity, configured: 5, inFlight: 0, paused: false, lastPollAt: F.ago(9), lastTaskAt: F.ago(31),
        lastError: "unavailable: connection refused (127.0.0.1:7233)", lastErrorAt: F.ago(1), backoffUntil: F.ago(-6.5),
        pollers: Array(repeating: .backingOff(until: F.ago(-6.5), error: "unavailable: connection refused"), count: 5)))),
    .with("slots-full", F.base(
      slots: SlotUsage(running: 8, maximum: 8, waiting: 5),
      pollers: PollerGroupSnapshot(kind: .activity, configured: 5, inFlight: 0, paused: false, lastPollAt: F.ago(130), lastTaskAt: F.ago(130), pollers: Array(repeating: .waitingForSlot, count: 5))),
      { $0.slotsFullSince = F.ago(125) }),
    .with("autoscaling", F.base(
      pollers: PollerGroupSnapshot(
        kind: .activity, configured: 12, inFlight: 9, paused: false, lastPollAt: F.ago(0.1), lastTaskAt: F.ago(0.1),
        pollers: Array(repeating: .polling(since: F.ago(0.3)), count: 9),
        autoscaling: 1...100))),
    .with("server-backlog-rising", F.base(
      slots: SlotUsage(running: 8, maximum: 8, waiting: 5),
      pollers: PollerGroupSnapshot(kind: .activity, configured: 5, inFlight: 0, paused: false, lastPollAt: F.ago(130), lastTaskAt: F.ago(130), pollers: Array(repeating: .waitingForSlot, count: 5)),
      server: F.serverView(backlog: 3200, trend: .rising, others: 2)),
      { $0.slotsFullSince = F.ago(125) }),
    .with("server-no-answer", {
      var snapshot = F.base()
      snapshot.server?.error = "unavailable: connection refused (127.0.0.1:7233)"
      snapshot.server?.askedAt = F.ago(1)
      return snapshot
    }()),
    .with("resize-converging", F.base(slots: SlotUsage(running: 8, maximum: 3, waiting: 5))),
    .with("draining-start", F.base(
      lifecycle: .draining,
      pollers: PollerGroupSnapshot(kind: .activity, configured: 5, inFlight: 0, paused: false, pollers: Array(repeating: .stopped, count: 5)),
      drain: DrainProgress(phase: .waitingForActivities, startedAt: F.ago(1), deadline: F.ago(-29), inFlightAtStart: 8, remaining: 8))),
    .with("draining-midway", F.base(
      lifecycle: .draining, activities: Array(F.mixedActivities.prefix(3)),
      pollers: PollerGroupSnapshot(kind: .activity, configured: 5, inFlight: 0, paused: false, pollers: Array(repeating: .stopped, count: 5)),
      drain: DrainProgress(phase: .waitingForActivities, startedAt: F.ago(18), deadline: F.ago(-12), inFlightAtStart: 8, remaining: 3))),
    .with("draining-cancelling", F.base(
      lifecycle: .draining,
      activities: F.mixedActivities.prefix(2).map { var activity = $0; activity.cancellation = .workerShutdown; return activity },
      pollers: PollerGroupSnapshot(kind: .activity, configured: 5, inFlight: 0, paused: false, pollers: Array(repeating: .stopped, count: 5)),
      drain: DrainProgress(phase: .cancelling, startedAt: F.ago(31), deadline: F.ago(1), inFlightAtStart: 8, remaining: 2))),
    .with("draining-finished", F.base(
      lifecycle: .draining, activities: [],
      pollers: PollerGroupSnapshot(kind: .activity, configured: 5, inFlight: 0, paused: false, pollers: Array(repeating: .stopped, count: 5)),
      drain: DrainProgress(phase: .finished, startedAt: F.ago(14), deadline: F.ago(-16), inFlightAtStart: 8, remaining: 0))),
    .with("stopped", F.base(
      lifecycle: .stopped, activities: [],
      pollers: PollerGroupSnapshot(kind: .activity, configured: 5, inFlight: 0, paused: false, pollers: Array(repeating: .stopped, count: 5)))),
    .with("failed", F.base(
      lifecycle: .failed("namespace 'orders-prod' not found"), activities: [],
      pollers: PollerGroupSnapshot(kind: .activity, configured: 5, inFlight: 0, paused: false, lastError: "not found: Namespace orders-prod is not found.", lastErrorAt: F.ago(2), pollers: []))),
    .with("thousand-scrolled", F.base(activities: F.thousandActivities, slots: SlotUsage(running: 1000, maximum: 1000, waiting: 5)),
      { state in
        // Twelve pages down, then onto a row in the middle of the screen.
        state.selectedRow = 487
        state.scrollOffset = 480
      }),
    .with("retry-alongside", F.base(activities: F.retryAlongside)),
    .with("stuck", Self.stuck),
    .with("stuck-detail", Self.stuck, { $0.mode = .detail(activityID: F.mixedActivities[0].id) }),
    .with("grouped", F.base(), { $0.grouped = true }),
    .with("detail", F.base(), { $0.mode = .detail(activityID: F.mixedActivities[0].id) }),
    .with("help", F.base(), { $0.mode = .help }),
    .with("confirm-shutdown", F.base(), { $0.mode = .confirm(.gracefulShutdown) }),
    .with("filter-editing", F.base(), { state in
      state.filter = "charge"
      state.mode = .filter(draft: "charge_c")
    }),
    .with("read-only-frozen", F.base(), { state in
      state = ConsoleState(readOnly: true)
      state.frozen = F.base()
      state.sort = .heartbeatAge
    }),
  ] + Self.workflowScenarios + Self.attachScenarios

  typealias W = WorkflowFixtures

  static func attached(_ link: WorkerAttachment.Link = .attached, readOnly: Bool = false) -> ConsoleState {
    ConsoleState(
      readOnly: readOnly, attachment: WorkerAttachment(pid: 4242, socketPath: "/run/user/1000/gaffer/4242.sock", link: link))
  }

  /// `gaffer attach`: the same screens, with the link to the worker shown.
  static let attachScenarios: [Scenario] = [
    .with("attached", F.base(), { $0 = Self.attached() }),
    .with("attached-detach-question", F.base(), { state in
      state = Self.attached()
      state.mode = .confirm(.detach)
    }),
    .with("attached-lost", F.base(), { $0 = Self.attached(.lost("no goodbye: killed or crashed?")) }),
    .with("attached-exited", F.base(
      lifecycle: .stopped, activities: [],
      pollers: PollerGroupSnapshot(kind: .activity, configured: 5, inFlight: 0, paused: false, pollers: Array(repeating: .stopped, count: 5)),
      drain: DrainProgress(phase: .finished, startedAt: F.ago(14), deadline: F.ago(-16), inFlightAtStart: 8, remaining: 0)),
      { $0 = Self.attached(.workerExited(code: 0)) }),
    .with("attached-read-only-help", F.base(), { state in
      state = Self.attached(readOnly: true)
      state.mode = .help
    }),
  ]

  /// Workers that run workflows as well: every scenario above has none, so
  /// their screens show no workflow panel.
  static let workflowScenarios: [Scenario] = [
    .with("workflows-busy", W.snapshot(W.busy)),
    .with("workflows-nondeterminism-paused", W.snapshot(W.nondeterministic)),
    .with("workflows-detail", W.snapshot(W.busy), { $0.mode = .detail(activityID: F.mixedActivities[0].id) }),
    .with("workflows-help", W.snapshot(W.busy), { $0.mode = .help }),
  ]
}
