import BenchContract
import Foundation
import GafferCore
import Testing

/// Histories recorded from the dev server running the contract workflows
/// (`temporal workflow show -o json`), replayed against the code.
@Suite("Replay of recorded histories")
struct ReplayTests {
  static let histories = PackagePaths.root.appendingPathComponent("Tests/IntegrationTests/Histories")
  static let names = ["chain", "counter", "fail", "fanout", "sleep_forever", "timer"]

  static func history(_ name: String) -> URL {
    Self.histories.appendingPathComponent("\(name).json")
  }

  @Test("every committed history replays against the contract's workflows", arguments: Self.names)
  func replays(name: String) throws {
    let replayer = try WorkflowReplayer(workflows: ContractWorkflows.all)
    #expect(try replayer.replay(historyFile: Self.history(name)) > 4)
  }

  @Test("chain changed to sleep first: nondeterminism at the first activity's event, naming both sides")
  func changedCode() throws {
    let changed = Workflow("chain") { (context: WorkflowContext<Void>, count: Int) in
      try await context.sleep(for: .seconds(1))
      return count
    }
    let replayer = try WorkflowReplayer(workflows: [changed])
    let error = #expect(throws: ReplayError.self) { try replayer.replay(historyFile: Self.history("chain")) }
    #expect(error?.kind == .nondeterminism)
    #expect(error?.message.contains("nondeterminism at event 5") == true, "\(error?.message ?? "")")
    #expect(error?.message.contains("history has ScheduleActivityTask (activity id 1, type noop)") == true)
    #expect(error?.message.contains("produced StartTimer (timer id 1") == true)
  }

  @Test("counter whose finish no longer ends it: history's completion has no command to match")
  func missingCompletion() throws {
    struct Counter: Sendable { var value: Int }
    let changed = Workflow(
      "counter", state: { (start: Int) in Counter(value: start) },
      signals: [WorkflowSignal("add") { (state: inout Counter, amount: Int) in state.value += amount }]
    ) { (context, _: Int) in
      try await context.condition { _ in false }
      return context.state.value
    }
    let replayer = try WorkflowReplayer(workflows: [changed])
    let error = #expect(throws: ReplayError.self) { try replayer.replay(historyFile: Self.history("counter")) }
    #expect(error?.kind == .nondeterminism)
    #expect(error?.message.contains("history has CompleteWorkflowExecution") == true, "\(error?.message ?? "")")
  }

  @Test("gaffer-bench-worker replay: exit 0 on the committed histories, 1 naming the divergence on a changed one, 2 on a file that is no history")
  func command() async throws {
    let binary = PackagePaths.benchWorkerBinary
    let all = Self.names.map { Self.history($0).path }
    let good = try await ProcessResult.run(binary, ["replay"] + all)
    #expect(good.status == 0, "\(good.stderr)")
    #expect(good.stdout.split(separator: "\n").count == all.count)

    var history = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.history("chain"))) as! [String: Any]
    var events = history["events"] as! [[String: Any]]
    let index = events.firstIndex { $0["activityTaskScheduledEventAttributes"] != nil }!
    var attributes = events[index]["activityTaskScheduledEventAttributes"] as! [String: Any]
    attributes["activityType"] = ["name": "echo"]
    events[index]["activityTaskScheduledEventAttributes"] = attributes
    history["events"] = events
    let changed = FileManager.default.temporaryDirectory.appendingPathComponent("changed-\(UUID().uuidString.prefix(8)).json")
    try JSONSerialization.data(withJSONObject: history).write(to: changed)
    defer { try? FileManager.default.removeItem(at: changed) }
    let bad = try await ProcessResult.run(binary, ["replay", changed.path])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("nondeterminism at event 5"), "\(bad.stderr)")
    #expect(bad.stderr.contains("history has ScheduleActivityTask (activity id 1, type echo)"))
    #expect(bad.stderr.contains("produced ScheduleActivityTask (activity id 1, type noop)"))

    let notHistory = try await ProcessResult.run(binary, ["replay", PackagePaths.root.appendingPathComponent("Package.swift").path])
    #expect(notHistory.status == 2)
    #expect(notHistory.stderr.contains("Package.swift"))
  }

  @Test("gaffer replay: the demo's DemoOrder history replays (exit 0); a history of another workflow type is refused (exit 2)")
  func demoReplay() async throws {
    let good = try await ProcessResult.run(PackagePaths.gafferBinary, ["replay", Self.history("demo-order-ok").path])
    #expect(good.status == 0, "\(good.stderr)")
    #expect(good.stdout.contains("ok "))
    let other = try await ProcessResult.run(PackagePaths.gafferBinary, ["replay", Self.history("chain").path])
    #expect(other.status == 2)
    #expect(other.stderr.contains("workflow type 'chain' is not among the replayer's workflows (DemoOrder)"), "\(other.stderr)")
  }
}
