import Foundation
import GafferCore
import GafferTUI
import Testing

/// `gaffer top`'s screens, against golden files like the console's.
@Suite("Golden screens of gaffer top")
struct FleetGoldenTests {
  typealias F = SnapshotFixtures

  static func beat(
    _ key: String, sdk: (String, String), status: String = "RUNNING", activity: (Int, Int), workflow: (Int, Int)?,
    heartbeatAgo: Double, sticky: (Int, Int, Int) = (0, 0, 0)
  ) -> FleetHeartbeat {
    FleetHeartbeat(
      instanceKey: key, host: "orders-\(key)", processID: "4\(key.count)2", sdkName: sdk.0, sdkVersion: sdk.1,
      status: status, startedAt: F.ago(3600), heartbeatAt: F.ago(heartbeatAgo),
      activitySlots: FleetSlots(used: activity.0, available: activity.1),
      workflowSlots: workflow.map { FleetSlots(used: $0.0, available: $0.1) }, activityPollers: 5,
      workflowPollers: workflow == nil ? 0 : 1, stickyPollers: workflow == nil ? 0 : 4, stickyCacheSize: sticky.0,
      stickyCacheHits: sticky.1, stickyCacheMisses: sticky.2)
  }

  static var fleet: FleetSnapshot {
    var queue = F.serverView(backlog: 3200, trend: .rising, others: 3, seesThisWorker: false)
    queue.workflow = TaskQueueKindView(
      backlog: 0, backlogAge: .zero, addRate: 3, dispatchRate: 3, trend: .steady, pollers: queue.activity?.pollers ?? [])
    return FleetSnapshot(
      takenAt: F.now, namespace: "default", taskQueue: "orders", queue: queue,
      workers: [
        FleetWorker(
          identity: "4242@orders-worker-7f9c",
          heartbeat: Self.beat("a", sdk: ("gaffer", "0.9.0"), activity: (20, 0), workflow: (3, 97), heartbeatAgo: 4, sticky: (412, 960, 40)),
          lastPollAt: F.ago(1), pollsActivities: true, pollsWorkflows: true),
        FleetWorker(
          identity: "17@orders-py-2",
          heartbeat: Self.beat("bb", sdk: ("temporal-python", "1.35.0"), status: "SHUTTING_DOWN", activity: (2, 98), workflow: nil, heartbeatAgo: 120),
          lastPollAt: F.ago(30), pollsActivities: true),
        FleetWorker(identity: "legacy-go-worker@batch-3", lastPollAt: F.ago(2), pollsActivities: true, pollsWorkflows: true),
      ])
  }

  static let sizes = [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 160, rows: 30)]

  @Test("a fleet of three: heartbeats, a draining Python worker, one known only by its polls; every sort")
  func fleetScreens() throws {
    for size in Self.sizes {
      try GoldenScreenTests.check(
        FleetRenderer.render(Self.fleet, sort: .identity, glyphs: .unicode, size: size),
        name: "top-fleet-\(size.columns)x\(size.rows)")
    }
    try GoldenScreenTests.check(
      FleetRenderer.render(Self.fleet, sort: .busiest, glyphs: .unicode, size: Self.sizes[1]),
      name: "top-fleet-busiest-160x30")
    let order = FleetSort.heartbeat.sorted(Self.fleet.workers).map(\.identity)
    #expect(order == ["legacy-go-worker@batch-3", "17@orders-py-2", "4242@orders-worker-7f9c"])
  }

  @Test("no heartbeats from the server, and a queue nobody polls")
  func sparseScreens() throws {
    var fleet = Self.fleet
    fleet.heartbeatsError = "unimplemented: ListWorkers"
    fleet.workers = fleet.workers.map { FleetWorker(identity: $0.identity, lastPollAt: $0.lastPollAt, pollsActivities: true) }
    try GoldenScreenTests.check(
      FleetRenderer.render(fleet, sort: .identity, glyphs: .unicode, size: Self.sizes[0]), name: "top-pollers-only-80x24")
    var empty = Self.fleet
    empty.workers = []
    empty.queue = F.serverView(others: 0, seesThisWorker: false)
    try GoldenScreenTests.check(
      FleetRenderer.render(empty, sort: .identity, glyphs: .unicode, size: Self.sizes[0]), name: "top-empty-80x24")
    try GoldenScreenTests.check(
      FleetRenderer.render(nil, sort: .identity, glyphs: .unicode, size: Self.sizes[0]), name: "top-asking-80x24")
  }
}
