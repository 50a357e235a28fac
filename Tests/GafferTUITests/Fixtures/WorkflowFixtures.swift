import Foundation
import GafferTUI
// The workflow snapshot's types have no public initialisers yet; the
// memberwise ones are internal to GafferCore.
@testable import GafferCore

/// The workflow side of the golden scenarios, at the same fixed instant as
/// `SnapshotFixtures`.
enum WorkflowFixtures {
  typealias F = SnapshotFixtures

  static let types = ["OrderWorkflow", "RefundWorkflow", "ShipmentWorkflow"]
  static let stickyQueue = "4242@orders-worker-7f9c-b3e0c1d2"

  static func task(_ type: String, _ id: String, run: Int, attempt: Int = 1, started: Double, cached: Bool)
    -> InFlightWorkflowTask
  {
    InFlightWorkflowTask(
      workflowID: id, runID: "0c9e51d4-0000-4000-8000-\(String(format: "%012d", run))", workflowType: type,
      attempt: attempt, startedAt: F.ago(started), cached: cached)
  }

  static func failure(_ type: String, _ id: String, run: Int, at: Double, nondeterminism: Bool, _ message: String)
    -> WorkflowTaskFailureRecord
  {
    WorkflowTaskFailureRecord(
      workflowID: id, runID: "0c9e51d4-0000-4000-8000-\(String(format: "%012d", run))", workflowType: type,
      at: F.ago(at), nondeterminism: nondeterminism, message: message)
  }

  static let deadlock =
    "potential deadlock: the workflow's code ran 2s without yielding (a blocking call, a busy loop, a lock?); workflow code must only await WorkflowContext's awaitables"

  static func nondeterminism(event: Int, activity: Int) -> String {
    "nondeterminism at event \(event): history has ScheduleActivityTask (activity id \(activity), type charge_card), the workflow's code produced StartTimer (timer id 1, 30s)"
  }

  /// Busy and fine: tasks in flight (one slow, one a retry), a warm cache,
  /// and one old failure that no longer counts as failing.
  static var busy: WorkflowTasksSnapshot {
    var counters = WorkflowTaskCounters()
    counters.received = 10_288
    counters.completed = 10_270
    counters.failed = 1
    counters.queriesAnswered = 14
    counters.workflowsClosed = 371
    return WorkflowTasksSnapshot(
      registeredTypes: types, stickyQueue: stickyQueue, normalPollers: 1, stickyPollers: 4, openPolls: 4,
      paused: false, slotsMaximum: 20, slotsRunning: 6, cacheSize: 412, cacheMaximum: 1000, cacheHits: 9_870,
      cacheMisses: 402, cacheEvictions: ["full": 0, "closed": 371, "task failed": 1], counters: counters,
      inFlight: [
        task("RefundWorkflow", "refund-311", run: 311, attempt: 3, started: 6.2, cached: false),
        task("OrderWorkflow", "order-20417", run: 20417, started: 0.9, cached: false),
        task("OrderWorkflow", "order-20415", run: 20415, started: 0.31, cached: true),
        task("ShipmentWorkflow", "ship-7781", run: 7781, started: 0.12, cached: true),
        task("OrderWorkflow", "order-20418", run: 20418, started: 0.05, cached: true),
        task("ShipmentWorkflow", "ship-7784", run: 7784, started: 0.01, cached: true),
      ],
      recentFailures: [failure("RefundWorkflow", "refund-298", run: 298, at: 2520, nondeterminism: false, deadlock)])
  }

  /// After a bad deploy: OrderWorkflow runs diverge from their histories,
  /// and the operator has paused workflow polling while activities go on.
  static var nondeterministic: WorkflowTasksSnapshot {
    var counters = WorkflowTaskCounters()
    counters.received = 2_240
    counters.completed = 2_180
    counters.failed = 57
    counters.nondeterministic = 54
    counters.queriesAnswered = 3
    counters.workflowsClosed = 140
    var failures = (0..<9).map { index in
      failure(
        "OrderWorkflow", "order-\(10_017 + index * 3)", run: 10_017 + index * 3, at: Double(12 + index * 9),
        nondeterminism: true, nondeterminism(event: 11, activity: 2))
    }
    failures.insert(
      failure(
        "ShipmentWorkflow", "ship-7790", run: 7790, at: 52, nondeterminism: false,
        "addressMissing(orderID: \"order-10019\")"),
      at: 5)
    return WorkflowTasksSnapshot(
      registeredTypes: types, stickyQueue: stickyQueue, normalPollers: 1, stickyPollers: 4, openPolls: 0,
      paused: true, slotsMaximum: 20, slotsRunning: 1, cacheSize: 96, cacheMaximum: 1000, cacheHits: 1_710,
      cacheMisses: 530, cacheEvictions: ["closed": 140, "task failed": 57], counters: counters,
      inFlight: [task("OrderWorkflow", "order-10044", run: 10_044, attempt: 4, started: 0.4, cached: false)],
      // Newest last, as the worker keeps them.
      recentFailures: failures.reversed())
  }

  static func snapshot(_ workflows: WorkflowTasksSnapshot) -> WorkerSnapshot {
    var snapshot = F.base()
    snapshot.workflows = workflows
    let pollers = snapshot.server?.activity?.pollers ?? []
    snapshot.server?.workflow = TaskQueueKindView(
      backlog: 12, backlogAge: .milliseconds(800), addRate: 6, dispatchRate: 5.5, trend: .falling, pollers: pollers)
    return snapshot
  }
}
