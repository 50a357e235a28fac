import Foundation
import BenchContract
@testable import GafferCore
import Logging
import TemporalAPI
import Testing

@Suite("Workflow runs: activations, replay, signals, queries, cancellation")
struct WorkflowRunTests {
  private func run(_ workflow: Workflow) -> WorkflowRun {
    WorkflowRun(
      workflow: workflow, workflowID: "wf", runID: "run-1", namespace: "default", taskQueue: "q",
      logger: Logger(label: "test"))
  }

  private func scheduled(_ commands: [WorkflowCommand]) -> [String] {
    commands.compactMap {
      if case .scheduleActivity(let activity) = $0 { "\(activity.activityID):\(activity.activityType)" } else { nil }
    }
  }

  /// chain(2) live: task 1, then task 2 with the first result as a partial history, then the end.
  @Test("chain(2) run live task by task, then replayed from the full history by a new run: the same commands")
  func chainLiveThenReplay() throws {
    var history = HistoryBuilder()
    history.started("chain", input: [json(2)])
    history.workflowTask(completed: false)
    let live = self.run(ContractWorkflows.chain)
    #expect(self.scheduled(try live.apply(history.events)) == ["1:noop"])

    var seen = history.events.count
    history.workflowTaskCompleted()
    let first = history.activityScheduled(id: "1", type: "noop")
    history.activityCompleted(scheduled: first, result: json("chain-0"))
    history.workflowTask(completed: false)
    #expect(self.scheduled(try live.apply(Array(history.events[seen...]))) == ["2:noop"])

    seen = history.events.count
    history.workflowTaskCompleted()
    let second = history.activityScheduled(id: "2", type: "noop")
    history.activityCompleted(scheduled: second, result: json("wrong"))
    history.workflowTask(completed: false)
    #expect(try live.apply(Array(history.events[seen...])) == [.completeWorkflow(result: json(1))])

    let replay = self.run(ContractWorkflows.chain)
    #expect(try replay.apply(history.events) == [.completeWorkflow(result: json(1))])
    history.workflowTaskCompleted()
    history.completed(result: json(1))
    let closed = self.run(ContractWorkflows.chain)
    #expect(try closed.apply(history.events).isEmpty)
    #expect(closed.unmatchedCommands.isEmpty)
  }

  @Test("the code changed between runs (a timer where an activity was): the replay fails as nondeterminism at that event")
  func changedCode() throws {
    var history = HistoryBuilder()
    history.started("chain", input: [json(1)])
    history.workflowTask()
    let scheduledID = history.activityScheduled(id: "1", type: "noop")
    history.activityCompleted(scheduled: scheduledID, result: json("chain-0"))
    history.workflowTask(completed: false)
    let changed = Workflow("chain") { (context: WorkflowContext<Void>, count: Int) in
      try await context.sleep(for: .seconds(1))
      return count
    }
    let error = #expect(throws: WorkflowTaskFailure.self) { try self.run(changed).apply(history.events) }
    #expect(error?.cause == .nondeterminism)
    #expect(error?.message.contains("event \(scheduledID)") == true)
    #expect(error?.message.contains("StartTimer") == true)
  }

  @Test("fanout(3) schedules its three activities in one task, in order, and counts the results in any order")
  func fanout() throws {
    var history = HistoryBuilder()
    history.started("fanout", input: [json(3)])
    history.workflowTask(completed: false)
    let live = self.run(ContractWorkflows.fanout)
    #expect(self.scheduled(try live.apply(history.events)) == ["1:noop", "2:noop", "3:noop"])
    let seen = history.events.count
    history.workflowTaskCompleted()
    let ids = (1...3).map { history.activityScheduled(id: "\($0)", type: "noop") }
    history.activityCompleted(scheduled: ids[2], result: json("fan-2"))
    history.activityCompleted(scheduled: ids[0], result: json("fan-0"))
    history.activityCompleted(scheduled: ids[1], result: json("fan-1"))
    history.workflowTask(completed: false)
    #expect(try live.apply(Array(history.events[seen...])) == [.completeWorkflow(result: json(3))])
  }

  @Test("counter: signals change the state in history order, the query reads it, finish ends the workflow with the value")
  func counter() throws {
    var history = HistoryBuilder()
    history.started("counter", input: [json(10)])
    history.workflowTask(completed: false)
    let live = self.run(ContractWorkflows.counter)
    #expect(try live.apply(history.events).isEmpty)
    #expect(try live.query(name: "value", input: []) == json(10))

    var seen = history.events.count
    history.workflowTaskCompleted()
    history.signaled("add", input: [json(5)])
    history.signaled("add", input: [json(-2)])
    history.workflowTask(completed: false)
    #expect(try live.apply(Array(history.events[seen...])).isEmpty)
    #expect(try live.query(name: "value", input: []) == json(13))

    seen = history.events.count
    history.workflowTaskCompleted()
    history.signaled("finish")
    history.workflowTask(completed: false)
    #expect(try live.apply(Array(history.events[seen...])) == [.completeWorkflow(result: json(13))])

    let error = #expect(throws: ApplicationError.self) { try live.query(name: "total", input: []) }
    #expect(error?.message == "Workflow 'counter' has no query 'total' (it has: value)")
  }

  @Test("a cancel request reaches the awaited timer: CancelTimer, then CancelWorkflowExecution, in that order")
  func cancelSleepForever() throws {
    var history = HistoryBuilder()
    history.started("sleep_forever")
    history.workflowTask(completed: false)
    let live = self.run(ContractWorkflows.sleepForever)
    #expect(try live.apply(history.events) == [.startTimer(id: "1", duration: .seconds(3600))])
    let seen = history.events.count
    history.workflowTaskCompleted()
    history.timerStarted(id: "1")
    history.cancelRequested()
    history.workflowTask(completed: false)
    #expect(try live.apply(Array(history.events[seen...])) == [.cancelTimer(id: "1"), .cancelWorkflow])
  }

  @Test("ApplicationError fails the workflow with its type; a plain Swift error fails the workflow task instead")
  func failures() throws {
    var history = HistoryBuilder()
    history.started("fail", input: [json("boom")])
    history.workflowTask(completed: false)
    let commands = try self.run(ContractWorkflows.fail).apply(history.events)
    guard case .failWorkflow(let failure) = commands.first, commands.count == 1 else {
      Issue.record("expected one FailWorkflowExecution, got \(commands)")
      return
    }
    #expect(failure.message == "boom")
    #expect(failure.applicationFailureInfo.type == "ContractFailure")
    #expect(failure.applicationFailureInfo.nonRetryable)

    struct Broken: Error {}
    let buggy = Workflow("fail") { (_: WorkflowContext<Void>, _: String) in throw Broken() }
    let error = #expect(throws: WorkflowTaskFailure.self) { try self.run(buggy).apply(history.events) }
    #expect(error?.cause == .unhandledFailure)
    #expect(error?.message.contains("workflow 'fail' threw Broken") == true)
  }

  @Test("workflow code blocked on Task.sleep fails the task with a message saying why")
  func nonGafferAwait() throws {
    var history = HistoryBuilder()
    history.started("sleeper")
    history.workflowTask(completed: false)
    let sleeper = Workflow("sleeper") { (_: WorkflowContext<Void>) in
      try await Task.sleep(for: .seconds(60))
    }
    let error = #expect(throws: WorkflowTaskFailure.self) { try self.run(sleeper).apply(history.events) }
    #expect(error?.message.contains("not a Gaffer awaitable") == true)
  }

  @Test("the random generator, uuid() and now are the same on every replay")
  func deterministicValues() throws {
    var history = HistoryBuilder()
    history.started("draw")
    history.workflowTask(completed: false)
    let draw = Workflow("draw") { (context: WorkflowContext<Void>, _: Int?) -> String in
      var random = context.random
      return "\(Int.random(in: 0..<1_000_000, using: &random)) \(context.uuid()) \(context.now.timeIntervalSince1970)"
    }
    let first = try self.run(draw).apply(history.events)
    let second = try self.run(draw).apply(history.events)
    #expect(first == second)
    #expect(first.count == 1)
  }

  @Test("condition with a timeout: the timer wins and it returns false; a later signal no longer matters")
  func conditionTimeout() throws {
    struct Flag: Sendable { var set = false }
    let waiter = Workflow(
      "waiter", state: { (_: Int) in Flag() },
      signals: [WorkflowSignal("set") { (state: inout Flag) in state.set = true }]
    ) { (context, _: Int) -> Bool in
      try await context.condition(timeout: .seconds(5)) { $0.set }
    }
    var history = HistoryBuilder()
    history.started("waiter", input: [json(0)])
    history.workflowTask(completed: false)
    let live = self.run(waiter)
    #expect(try live.apply(history.events) == [.startTimer(id: "1", duration: .seconds(5))])
    let seen = history.events.count
    history.workflowTaskCompleted()
    let started = history.timerStarted(id: "1")
    history.timerFired(id: "1", started: started)
    history.signaled("set")
    history.workflowTask(completed: false)
    #expect(try live.apply(Array(history.events[seen...])) == [.completeWorkflow(result: json(false))])
  }

  @Test("condition with a timeout satisfied first: the timer is cancelled and it returns true")
  func conditionSatisfied() throws {
    struct Flag: Sendable { var set = false }
    let waiter = Workflow(
      "waiter", state: { (_: Int) in Flag() },
      signals: [WorkflowSignal("set") { (state: inout Flag) in state.set = true }]
    ) { (context, _: Int) -> Bool in
      try await context.condition(timeout: .seconds(5)) { $0.set }
    }
    var history = HistoryBuilder()
    history.started("waiter", input: [json(0)])
    history.workflowTask(completed: false)
    let live = self.run(waiter)
    _ = try live.apply(history.events)
    let seen = history.events.count
    history.workflowTaskCompleted()
    history.timerStarted(id: "1")
    history.signaled("set")
    history.workflowTask(completed: false)
    #expect(
      try live.apply(Array(history.events[seen...])) == [.cancelTimer(id: "1"), .completeWorkflow(result: json(true))])
  }

  @Test("an activity handle cancelled in the same task never goes out; its result throws ActivityError caused by CancelledError")
  func handleCancelledBeforeSent() throws {
    let canceller = Workflow("canceller") { (context: WorkflowContext<Void>, _: Int) -> String in
      let handle = try context.startActivity("noop", "x", returning: String.self)
      handle.cancel()
      do {
        _ = try await handle.result()
        return "completed"
      } catch let error as ActivityError {
        return "\(error.isCancellation)"
      }
    }
    var history = HistoryBuilder()
    history.started("canceller", input: [json(0)])
    history.workflowTask(completed: false)
    #expect(try self.run(canceller).apply(history.events) == [.completeWorkflow(result: json("true"))])
  }

  @Test("a workflow catches its cancellation, runs a cleanup activity shielded from it, and then ends as canceled")
  func cleanupAfterCancel() throws {
    let careful = Workflow("careful") { (context: WorkflowContext<Void>) in
      do {
        try await context.sleep(for: .seconds(60))
      } catch is CancelledError {
        let undone: String = try await context.shieldedFromCancellation {
          try await context.executeActivity("undo", "order-1")
        }
        throw CancelledError("cancelled after \(undone)")
      }
    }
    var history = HistoryBuilder()
    history.started("careful")
    history.workflowTask(completed: false)
    let live = self.run(careful)
    _ = try live.apply(history.events)
    var seen = history.events.count
    history.workflowTaskCompleted()
    history.timerStarted(id: "1")
    history.cancelRequested()
    history.workflowTask(completed: false)
    #expect(self.scheduled(try live.apply(Array(history.events[seen...]))) == ["1:undo"])
    seen = history.events.count
    history.workflowTaskCompleted()
    history.timerCanceled(id: "1")
    let undo = history.activityScheduled(id: "1", type: "undo")
    history.activityCompleted(scheduled: undo, result: json("undone"))
    history.workflowTask(completed: false)
    #expect(try live.apply(Array(history.events[seen...])) == [.cancelWorkflow])
  }
}
