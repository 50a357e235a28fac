// Measures the console's per-frame work with 1,000 activities in flight:
// observe the snapshot, sort and filter the table, render the whole frame.
// The terminal write is left out (curses diffs it again and the cost
// depends on the terminal); the idle CPU run in bench/ covers the rest.
//
//   gaffer-console-bench [frames]      prints one JSON line per size
import Foundation
import GafferCore
import GafferTUI

let frames = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 500
let now = Date()

func json(_ text: String) -> [Payload] {
  [Payload(metadata: ["encoding": Data("json/plain".utf8)], data: Data(text.utf8))]
}

let types = ["charge_card", "send_email", "sync_inventory", "render_invoice_pdf"]
let activities = (0..<1000).map { index -> InFlightActivity in
  let started = now.addingTimeInterval(-Double(1000 - index) * 0.7)
  let heartbeating = index % 2 == 0
  return InFlightActivity(
    id: "run-\(index)/\(index)", activityID: "\(index)", activityType: types[index % types.count],
    workflowID: "order-\(100_000 + index)", workflowRunID: "run-\(index)", workflowType: "OrderWorkflow",
    attempt: 1 + index % 3, startedAt: started, deadline: started.addingTimeInterval(300),
    startToCloseTimeout: .seconds(300), heartbeatTimeout: heartbeating ? .seconds(30) : nil,
    heartbeat: InFlightActivity.Heartbeat(
      count: heartbeating ? index : 0, lastRecordedAt: heartbeating ? now.addingTimeInterval(-Double(index % 40)) : nil,
      lastSentAt: nil, lastAcknowledgedAt: nil, lastDetails: heartbeating ? json("{\"step\":\(index),\"of\":1000}") : nil,
      pendingDetails: nil, health: heartbeating ? (index % 40 > 30 ? .late : .ok) : .notRequired))
}
let snapshot = WorkerSnapshot(
  takenAt: now, identity: "4242@bench", taskQueue: "bench", namespace: "default", serverVersion: "1.32.0",
  workerInstanceKey: "bench", lifecycle: .running, startedAt: now.addingTimeInterval(-3600),
  activityPollers: PollerGroupSnapshot(
    kind: .activity, configured: 5, inFlight: 0, paused: false, pollers: Array(repeating: .waitingForSlot, count: 5)),
  activitySlots: SlotUsage(running: 1000, maximum: 1000, waiting: 5), activities: activities,
  throughput: (0..<300).map { ThroughputSample(second: now.addingTimeInterval(Double($0 - 299)), completed: $0 % 50, failed: $0 % 7) })
let log = (0..<12).map { LogLine(at: now, level: .info, message: "line \($0) of the worker's log with some metadata=value") }

for size in [TerminalSize(columns: 100, rows: 30), TerminalSize(columns: 200, rows: 60)] {
  var state = ConsoleState()
  state.sort = .heartbeatAge  // the costlier sort
  var durations: [Double] = []
  var checksum = 0
  for frame in 0..<frames {
    let start = ContinuousClock.now
    state.observe(snapshot, size: size)
    let screen = ConsoleRenderer.render(snapshot, state: state, log: log, glyphs: .unicode, size: size)
    let elapsed = ContinuousClock.now - start
    checksum &+= screen.cells.count &+ frame
    durations.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
  }
  durations.sort()
  let median = durations[durations.count / 2]
  let p99 = durations[durations.count * 99 / 100]
  print(
    "{\"size\":\"\(size.columns)x\(size.rows)\",\"in_flight\":1000,\"frames\":\(frames),"
      + "\"median_ms\":\(String(format: "%.3f", median)),\"p99_ms\":\(String(format: "%.3f", p99)),\"checksum\":\(checksum)}")
}
