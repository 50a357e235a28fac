import Foundation
import GafferCore
import GafferTUI
import Testing

@Suite("The diagnosis line")
struct DiagnosisTests {
  typealias F = SnapshotFixtures
  typealias W = WorkflowFixtures

  /// Activities all fine: no late heartbeat, slots and pollers healthy.
  static var calm: WorkerSnapshot {
    F.base(activities: F.mixedActivities.filter { $0.heartbeat.health != .late })
  }

  static func with(_ change: (inout WorkflowTasksSnapshot) -> Void, lifecycle: WorkerLifecycleState = .running) -> WorkerSnapshot {
    var snapshot = Self.calm
    snapshot.lifecycle = lifecycle
    var workflows = W.busy
    change(&workflows)
    snapshot.workflows = workflows
    return snapshot
  }

  static func texts(_ snapshot: WorkerSnapshot) -> [String] {
    Diagnosis(snapshot: snapshot, slotsFullSince: nil).parts.map(\.text)
  }

  @Test("nondeterminism leads the line, naming the workflow type")
  func nondeterminism() {
    let snapshot = W.snapshot(W.nondeterministic)
    let diagnosis = Diagnosis(snapshot: snapshot, slotsFullSince: nil)
    #expect(diagnosis.parts.first?.text == "workflow tasks failing: nondeterminism in OrderWorkflow (last 12s ago)")
    #expect(diagnosis.parts.first?.role == .error)
    #expect(!diagnosis.isHealthy)
    // The activity chain and the paused workflow polling follow it.
    #expect(diagnosis.parts.map(\.text).contains("slots 8/20"))
    #expect(diagnosis.parts.map(\.text).last == "workflow polling paused by operator")
  }

  @Test("nondeterminism in several types names the newest two and counts the rest")
  func severalTypes() {
    let snapshot = Self.with { workflows in
      workflows.recentFailures = [
        W.failure("ShipmentWorkflow", "ship-1", run: 1, at: 40, nondeterminism: true, "x"),
        W.failure("RefundWorkflow", "refund-1", run: 2, at: 30, nondeterminism: true, "x"),
        W.failure("OrderWorkflow", "order-1", run: 3, at: 20, nondeterminism: true, "x"),
        W.failure("OrderWorkflow", "order-2", run: 4, at: 10, nondeterminism: true, "x"),
      ]
    }
    #expect(
      Self.texts(snapshot).first
        == "workflow tasks failing: nondeterminism in OrderWorkflow, RefundWorkflow +1 more (last 10s ago)")
  }

  @Test("other workflow-task failures lead with the type and the gist of the latest message")
  func otherFailures() {
    let snapshot = Self.with { workflows in
      workflows.recentFailures = [
        W.failure("RefundWorkflow", "refund-9", run: 9, at: 30, nondeterminism: false, W.deadlock),
        W.failure("ShipmentWorkflow", "ship-7790", run: 7790, at: 5, nondeterminism: false, "addressMissing(orderID: \"o-1\")"),
      ]
    }
    #expect(
      Self.texts(snapshot).first == "workflow tasks failing in ShipmentWorkflow, RefundWorkflow: addressMissing (last 5s ago)")
    let deadlock = Self.with { workflows in
      workflows.recentFailures = [W.failure("RefundWorkflow", "refund-9", run: 9, at: 30, nondeterminism: false, W.deadlock)]
    }
    #expect(Self.texts(deadlock).first == "workflow tasks failing in RefundWorkflow: potential deadlock (last 30s ago)")
  }

  @Test("a failure older than the window no longer makes the worker unhealthy")
  func oldFailure() {
    let diagnosis = Diagnosis(snapshot: W.snapshot(W.busy).with(activities: Self.calm.activities), slotsFullSince: nil)
    #expect(diagnosis.isHealthy)
    #expect(diagnosis.parts.first?.text == "healthy")
  }

  @Test("a healthy workflow side leaves the activity diagnosis as it was")
  func activityUnchanged() {
    for snapshot in [Self.calm, F.base(), Scenario.stuck] {
      var withWorkflows = snapshot
      var workflows = W.busy
      workflows.recentFailures = []
      withWorkflows.workflows = workflows
      let before = Diagnosis(snapshot: snapshot, slotsFullSince: nil)
      #expect(Diagnosis(snapshot: withWorkflows, slotsFullSince: nil) == before)
    }
  }

  @Test("what keeps new workflow tasks from starting leads when the activity side is fine")
  func workflowChain() {
    let cases: [((inout WorkflowTasksSnapshot) -> Void, String)] = [
      ({ $0.paused = true }, "workflow polling paused by operator"),
      ({ $0.slotsRunning = 20 }, "workflow task slots full (20/20)"),
      ({ $0.openPolls = 0 }, "no workflow polls open"),
    ]
    for (change, expected) in cases {
      let diagnosis = Diagnosis(snapshot: Self.with(change), slotsFullSince: nil)
      #expect(diagnosis.parts.first?.text == expected)
      #expect(!diagnosis.isHealthy)
      #expect(!diagnosis.parts.map(\.text).contains("healthy"))
    }
  }

  @Test("with workflows, the worker's pause is said to be the activity side's")
  func pausedLifecycle() {
    #expect(Self.texts(Self.with({ _ in }, lifecycle: .paused)).first == "activity polling paused by operator")
    #expect(
      Self.texts(Self.with({ $0.paused = true }, lifecycle: .paused)).first
        == "activity and workflow polling paused by operator")
    #expect(Self.texts(F.base(lifecycle: .paused)).first == "polling paused by operator")
  }
}

extension WorkerSnapshot {
  fileprivate func with(activities: [InFlightActivity]) -> WorkerSnapshot {
    var snapshot = self
    snapshot.activities = activities
    return snapshot
  }
}
