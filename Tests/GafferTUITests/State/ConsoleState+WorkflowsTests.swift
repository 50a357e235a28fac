import Foundation
import GafferCore
import GafferTUI
import Testing

@Suite("The workflow keys")
struct ConsoleStateWorkflowsTests {
  typealias F = SnapshotFixtures
  typealias W = WorkflowFixtures
  let size = TerminalSize(columns: 100, rows: 30)

  func press(_ keys: [Key], on snapshot: WorkerSnapshot, state: inout ConsoleState) -> [ConsoleEffect] {
    var effects: [ConsoleEffect] = []
    for key in keys {
      state.observe(snapshot, size: self.size)
      effects += state.handle(.key(key), live: snapshot, size: self.size)
    }
    return effects
  }

  static func workflows(paused: Bool = false, maximum: Int = 20) -> WorkflowTasksSnapshot {
    var workflows = W.busy
    workflows.paused = paused
    workflows.slotsMaximum = maximum
    return workflows
  }

  @Test("w pauses workflow polling, and resumes it when paused, whatever the activity side does", arguments: [
    (false, WorkerLifecycleState.running, ConsoleEffect.send(.pauseWorkflowPolling)),
    (true, .running, .send(.resumeWorkflowPolling)),
    (false, .paused, .send(.pauseWorkflowPolling)),
    (true, .paused, .send(.resumeWorkflowPolling)),
  ])
  func toggle(paused: Bool, lifecycle: WorkerLifecycleState, expected: ConsoleEffect) {
    var state = ConsoleState()
    var snapshot = F.base(lifecycle: lifecycle)
    snapshot.workflows = Self.workflows(paused: paused)
    #expect(self.press([.character("w")], on: snapshot, state: &state) == [expected])
  }

  @Test("> < } { resize workflow-task slots by one and by ten, as + - ] [ do activity slots", arguments: [
    (Key.character(">"), 21), (.character("<"), 19), (.character("}"), 30), (.character("{"), 10),
  ])
  func resize(key: Key, target: Int) {
    var state = ConsoleState()
    let snapshot = W.snapshot(Self.workflows(maximum: 20))
    #expect(self.press([key], on: snapshot, state: &state) == [.send(.setMaxConcurrentWorkflowTasks(target))])
    #expect(state.flash?.message == "Max concurrent workflow tasks 20 → \(target).")
  }

  @Test("the activity keys still resize activity slots only")
  func activityKeysUnchanged() {
    var state = ConsoleState()
    let snapshot = W.snapshot(Self.workflows())
    #expect(self.press([.character("+")], on: snapshot, state: &state) == [.send(.setMaxConcurrentActivities(21))])
    #expect(self.press([.character("p")], on: snapshot, state: &state) == [.send(.pause)])
    #expect(state.flash?.message.contains("workflow polling: w") == true)
  }

  @Test("< and { never go below one workflow-task slot and say what to do instead")
  func minimum() {
    var state = ConsoleState()
    let snapshot = W.snapshot(Self.workflows(maximum: 1))
    #expect(self.press([.character("<")], on: snapshot, state: &state).isEmpty)
    #expect(state.flash?.message.contains("minimum") == true)
    #expect(state.flash?.message.contains("(w)") == true)
    #expect(self.press([.character("{")], on: snapshot, state: &state).isEmpty)
    let ten = W.snapshot(Self.workflows(maximum: 4))
    #expect(self.press([.character("{")], on: ten, state: &state) == [.send(.setMaxConcurrentWorkflowTasks(1))])
  }

  @Test("on a worker without workflows the workflow keys send nothing and say why")
  func noWorkflows() {
    var state = ConsoleState()
    for key in ["w", ">", "<", "}", "{"] {
      #expect(self.press([.character(Character(key))], on: F.base(), state: &state).isEmpty, "key \(key)")
      #expect(state.flash?.message.contains("runs no workflows") == true, "key \(key)")
    }
  }

  @Test("w is refused once the worker drains or has stopped")
  func drainingRefuses() {
    for lifecycle in [WorkerLifecycleState.draining, .stopped] {
      var state = ConsoleState()
      var snapshot = F.base(lifecycle: lifecycle)
      snapshot.workflows = Self.workflows()
      #expect(self.press([.character("w")], on: snapshot, state: &state).isEmpty)
      #expect(state.flash?.message.contains("Can't pause or resume workflow polling") == true)
    }
  }

  @Test("read-only drops the workflow keys like every other key that changes the worker")
  func readOnly() {
    var state = ConsoleState(readOnly: true)
    let snapshot = W.snapshot(Self.workflows())
    for key in ["w", ">", "<", "}", "{"] {
      #expect(self.press([.character(Character(key))], on: snapshot, state: &state).isEmpty, "key \(key)")
      #expect(state.flash?.message == "Read-only console: \(key) would change the worker.")
    }
    let actions = KeyMap(readOnly: true).bindings.map(\.action)
    #expect(!actions.contains(.toggleWorkflowPolling))
    #expect(!actions.contains { if case .changeMaxConcurrentWorkflowTasks = $0 { true } else { false } })
  }

  @Test("no key is bound twice where it applies")
  func noCollisions() {
    for context in KeyContext.allCases {
      let keys = KeyMap(readOnly: false).bindings.filter { $0.contexts.contains(context) }.flatMap(\.keys)
      #expect(Set(keys).count == keys.count, "context \(context)")
    }
  }

  @Test("the footer and the help name the workflow keys only when the worker runs workflows")
  func hintsFollowWorkflows() {
    let size = TerminalSize(columns: 120, rows: 40)
    func footer(_ snapshot: WorkerSnapshot) -> String {
      Scenario.with("footer", snapshot).render(size).text(ofRow: size.rows - 1)
    }
    func help(_ snapshot: WorkerSnapshot) -> String {
      let screen = Scenario.with("help", snapshot, { $0.mode = .help }).render(size)
      return (0..<size.rows).map { screen.text(ofRow: $0) }.joined(separator: "\n")
    }
    #expect(!footer(F.base()).contains("pause wf"))
    #expect(!help(F.base()).contains("workflow polling"))
    #expect(!help(F.base()).contains("workflow tasks"))
    #expect(footer(W.snapshot(Self.workflows())).contains("w pause wf"))
    #expect(footer(W.snapshot(Self.workflows(paused: true))).contains("w resume wf"))
    #expect(help(W.snapshot(Self.workflows())).contains("pause or resume workflow polling"))
    #expect(help(W.snapshot(Self.workflows())).contains("pause or resume activity polling"))
  }
}
