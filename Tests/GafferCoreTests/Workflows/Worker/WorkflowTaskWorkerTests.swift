import Foundation
import BenchContract
@testable import GafferCore
import CoreMetrics
import Logging
import Synchronization
import TemporalAPI
import Testing

@Suite("Workflow task loop against a scripted server")
struct WorkflowTaskWorkerTests {
  private func worker(
    _ server: ScriptedWorkflowTaskServer, cache: Int = 10,
    workflows: [Workflow] = [ContractWorkflows.chain, ContractWorkflows.counter, ContractWorkflows.fanout],
    maxEagerActivities: Int = 3
  ) throws -> WorkflowTaskWorker {
    WorkflowTaskWorker(
      options: WorkflowTaskWorkerOptions(
        taskQueue: "q", namespace: "unit", identity: "test", workerInstanceKey: "key", pollers: 2,
        maxConcurrentTasks: 4, maxCachedWorkflows: cache, pollTimeout: .seconds(60),
        maxEagerActivities: maxEagerActivities),
      server: server, workflows: try WorkflowTaskWorker.index(workflows, taskQueue: "q"),
      logger: Logger(label: "test"),
      metrics: WorkflowMetrics(factory: NOOPMetricsHandler.instance, dimensions: []))
  }

  private func task(
    _ events: [Temporal_Api_History_V1_HistoryEvent], runID: String = "run-1", type: String = "chain",
    attempt: Int32 = 1, token: String = UUID().uuidString, nextPageToken: Data = Data(),
    queries: [String: String] = [:], previousStarted: Int64 = 0
  ) -> WorkflowTask {
    var response = Temporal_Api_Workflowservice_V1_PollWorkflowTaskQueueResponse()
    response.taskToken = Data(token.utf8)
    response.workflowExecution.workflowID = "wf-\(runID)"
    response.workflowExecution.runID = runID
    response.workflowType.name = type
    response.attempt = attempt
    response.startedEventID = events.last?.eventID ?? 0
    response.previousStartedEventID = previousStarted
    response.history.events = events
    response.nextPageToken = nextPageToken
    for (id, name) in queries {
      var query = Temporal_Api_Query_V1_WorkflowQuery()
      query.queryType = name
      response.queries[id] = query
    }
    return WorkflowTask(response)!
  }

  /// Runs the loop beside `body`, then stops it (its polls ended, as
  /// ShutdownWorker ends them) and waits for it to end.
  private func running(
    _ worker: WorkflowTaskWorker, _ server: ScriptedWorkflowTaskServer,
    eagerActivities: (any EagerActivityExecutor)? = nil, _ body: () async throws -> Void
  ) async throws {
    let loop = Task { await worker.run(eagerActivities: eagerActivities) }
    var failure: (any Error)?
    do {
      try await body()
    } catch {
      failure = error
    }
    worker.stop()
    server.endPolls()
    await loop.value
    if let failure { throw failure }
  }

  private func scheduled(_ commands: [WorkflowCommand]) -> [String] {
    commands.compactMap { if case .scheduleActivity(let activity) = $0 { activity.activityID } else { nil } }
  }

  @Test("a new run completes with its commands and sticky attributes; the next task, sticky with only new events, uses the cached run")
  func stickyContinuation() async throws {
    let server = ScriptedWorkflowTaskServer()
    let worker = try self.worker(server)
    var history = HistoryBuilder()
    history.started("chain", input: [json(2)])
    history.workflowTask(completed: false)
    try await self.running(worker, server) {
      server.hand(self.task(history.events))
      guard case .completed(let first) = try await server.waitForReports(1)[0] else {
        Issue.record("expected a completion")
        return
      }
      #expect(self.scheduled(first.commands) == ["1"])
      #expect(first.stickyQueue == "test-key")
      #expect(first.sdkName == Gaffer.clientName)
      let seen = history.events.count
      history.workflowTaskCompleted()
      let scheduledID = history.activityScheduled(id: "1", type: "noop")
      history.activityCompleted(scheduled: scheduledID, result: json("chain-0"))
      history.workflowTask(completed: false)
      server.hand(self.task(Array(history.events[seen...]), previousStarted: 3))
      guard case .completed(let second) = try await server.waitForReports(2)[1] else {
        Issue.record("expected a second completion")
        return
      }
      #expect(self.scheduled(second.commands) == ["2"])
      #expect(second.sdkName == nil, "SDK metadata goes on the run's first completion only")
      #expect(server.historyFetches == 0)
      let snapshot = worker.snapshot()
      #expect(snapshot.cacheHits == 1)
      #expect(snapshot.cacheSize == 1)
    }
  }

  @Test("a sticky task whose run is not cached: the full history is fetched page by page and replayed, never a failure")
  func cacheMissFetchesHistory() async throws {
    let server = ScriptedWorkflowTaskServer(pageSize: 3)
    let worker = try self.worker(server)
    var history = HistoryBuilder()
    history.started("chain", input: [json(2)])
    history.workflowTask()
    let scheduledID = history.activityScheduled(id: "1", type: "noop")
    history.activityCompleted(scheduled: scheduledID, result: json("chain-0"))
    history.workflowTask(completed: false)
    server.setHistory(Array(history.events.dropLast(2)), runID: "run-1")
    try await self.running(worker, server) {
      // The sticky task carries the events after the previous task only.
      server.hand(self.task(Array(history.events.suffix(6)), previousStarted: 3))
      guard case .completed(let completion) = try await server.waitForReports(1)[0] else {
        Issue.record("expected a completion, got \(server.reports)")
        return
      }
      #expect(self.scheduled(completion.commands) == ["2"])
      #expect(server.historyFetches == 3, "7 persisted events in pages of 3")
      #expect(worker.snapshot().cacheMisses == 1)
    }
  }

  @Test("nondeterminism fails the task with NON_DETERMINISTIC_ERROR on attempt 1 only, and evicts the run")
  func nondeterminismReportedOnce() async throws {
    let server = ScriptedWorkflowTaskServer()
    let changed = Workflow("chain") { (context: WorkflowContext<Void>, count: Int) in
      try await context.sleep(for: .seconds(1))
      return count
    }
    let worker = try self.worker(server, workflows: [changed])
    var history = HistoryBuilder()
    history.started("chain", input: [json(1)])
    history.workflowTask()
    history.activityScheduled(id: "1", type: "noop")
    history.workflowTask(completed: false)
    try await self.running(worker, server) {
      server.hand(self.task(history.events, attempt: 1, token: "first"))
      let reports = try await server.waitForReports(1)
      guard case .failed(_, let cause, let message) = reports[0] else {
        Issue.record("expected a failure, got \(reports)")
        return
      }
      #expect(cause == .nonDeterministicError)
      #expect(message.contains("nondeterminism at event 5"))
      server.hand(self.task(history.events, attempt: 2, token: "second"))
      try await waitUntil("the second attempt is counted") { worker.snapshot().counters.failed == 2 }
      #expect(server.reports.count == 1, "attempt 2 is not reported")
      let snapshot = worker.snapshot()
      #expect(snapshot.counters.nondeterministic == 2)
      #expect(snapshot.cacheSize == 0)
      #expect(snapshot.recentFailures.last?.nondeterminism == true)
    }
  }

  @Test("an unregistered workflow type fails the task naming the registered ones")
  func unknownType() async throws {
    let server = ScriptedWorkflowTaskServer()
    let worker = try self.worker(server)
    var history = HistoryBuilder()
    history.started("order")
    history.workflowTask(completed: false)
    try await self.running(worker, server) {
      server.hand(self.task(history.events, type: "order"))
      guard case .failed(_, let cause, let message) = try await server.waitForReports(1)[0] else {
        Issue.record("expected a failure")
        return
      }
      #expect(cause == .workflowWorkerUnhandledFailure)
      #expect(message == "workflow type 'order' is not registered on this worker (task queue 'q'); registered: chain, counter, fanout")
    }
  }

  @Test("queries that come with a task are answered in its completion, after its events")
  func queriesInTask() async throws {
    let server = ScriptedWorkflowTaskServer()
    let worker = try self.worker(server)
    var history = HistoryBuilder()
    history.started("counter", input: [json(3)])
    history.workflowTask()
    history.signaled("add", input: [json(4)])
    history.workflowTask(completed: false)
    try await self.running(worker, server) {
      server.hand(self.task(history.events, type: "counter", queries: ["q1": "value", "q2": "nope"]))
      guard case .completed(let completion) = try await server.waitForReports(1)[0] else {
        Issue.record("expected a completion")
        return
      }
      #expect(completion.queryAnswers["q1"] == .answered(json(7)))
      guard case .failed(let message) = completion.queryAnswers["q2"] else {
        Issue.record("an unknown query fails")
        return
      }
      #expect(message.contains("has no query 'nope'"))
    }
  }

  @Test("a completion the server refuses evicts the run: the next task replays from full history")
  func refusedCompletionEvicts() async throws {
    let server = ScriptedWorkflowTaskServer()
    server.refuseCompletions()
    let worker = try self.worker(server)
    var history = HistoryBuilder()
    history.started("chain", input: [json(1)])
    history.workflowTask(completed: false)
    try await self.running(worker, server) {
      server.hand(self.task(history.events))
      _ = try await server.waitForReports(1)
      try await waitUntil("the refusal is counted") { worker.snapshot().counters.reportsLost == 1 }
      let snapshot = worker.snapshot()
      #expect(snapshot.cacheSize == 0)
      #expect(snapshot.cacheEvictions["server refused"] == 1)
    }
  }

  @Test("with no cache there is no sticky queue and every run is dropped after its task")
  func noCache() async throws {
    let server = ScriptedWorkflowTaskServer()
    let worker = try self.worker(server, cache: 0)
    #expect(worker.stickyQueue == nil)
    #expect(worker.options.pollerSplit.sticky == 0)
    var history = HistoryBuilder()
    history.started("chain", input: [json(1)])
    history.workflowTask(completed: false)
    try await self.running(worker, server) {
      server.hand(self.task(history.events))
      guard case .completed(let completion) = try await server.waitForReports(1)[0] else {
        Issue.record("expected a completion")
        return
      }
      #expect(completion.stickyQueue == nil)
      try await waitUntil("the run is dropped") { worker.snapshot().cacheEvictions["full"] == 1 }
    }
  }

  private func eagerFlags(_ commands: [WorkflowCommand]) -> [Bool] {
    commands.compactMap { if case .scheduleActivity(let activity) = $0 { activity.requestEagerExecution } else { nil } }
  }

  @Test("eager activities: at most the limit, each on a slot reserved first, and the tasks the server starts go to the activity side with those slots")
  func eagerActivitiesUpToTheLimit() async throws {
    let server = ScriptedWorkflowTaskServer()
    let worker = try self.worker(server, maxEagerActivities: 3)
    let activities = RecordingEagerExecutor(slots: 10, types: ["noop"])
    var history = HistoryBuilder()
    history.started("fanout", input: [json(5)])
    history.workflowTask(completed: false)
    try await self.running(worker, server, eagerActivities: activities) {
      server.hand(self.task(history.events, type: "fanout"))
      guard case .completed(let completion) = try await server.waitForReports(1)[0] else {
        Issue.record("expected a completion")
        return
      }
      #expect(self.eagerFlags(completion.commands) == [true, true, true, false, false])
      try await waitUntil("the started tasks reach the activity side") { !activities.handedOver.isEmpty }
      let handed = activities.handedOver
      #expect(handed.count == 1)
      #expect(handed.first?.activityIDs == ["1", "2", "3"])
      #expect(handed.first?.slots == 3)
    }
    #expect(activities.slots.usage.used == 0, "every reserved slot went back")
  }

  @Test("eager activities only with free slots, for types registered here; none when the limit is 0; a refused completion gives the slots back")
  func eagerActivitiesNeedRoom() async throws {
    var history = HistoryBuilder()
    history.started("fanout", input: [json(4)])
    history.workflowTask(completed: false)
    for (slots, types, limit, expected) in [
      (1, ["noop"], 3, [true, false, false, false]),
      (10, ["other"], 3, [false, false, false, false]),
      (10, ["noop"], 0, [false, false, false, false]),
    ] {
      let server = ScriptedWorkflowTaskServer()
      let worker = try self.worker(server, maxEagerActivities: limit)
      let activities = RecordingEagerExecutor(slots: slots, types: Set(types))
      try await self.running(worker, server, eagerActivities: activities) {
        server.hand(self.task(history.events, type: "fanout"))
        guard case .completed(let completion) = try await server.waitForReports(1)[0] else {
          Issue.record("expected a completion")
          return
        }
        #expect(self.eagerFlags(completion.commands) == expected, "slots \(slots), types \(types), limit \(limit)")
      }
    }

    let server = ScriptedWorkflowTaskServer()
    server.refuseCompletions()
    let worker = try self.worker(server)
    let activities = RecordingEagerExecutor(slots: 10, types: ["noop"])
    try await self.running(worker, server, eagerActivities: activities) {
      server.hand(self.task(history.events, type: "fanout"))
      _ = try await server.waitForReports(1)
      try await waitUntil("the refusal is counted") { worker.snapshot().counters.reportsLost == 1 }
    }
    #expect(activities.handedOver.isEmpty)
    #expect(activities.slots.usage.used == 0, "the refused completion's reserved slots went back")
  }
}

/// An activity side for eager activities that records what it is handed
/// and frees the slots at once.
private final class RecordingEagerExecutor: EagerActivityExecutor {
  struct Handover: Sendable {
    var activityIDs: [String]
    var slots: Int
  }

  let slots: SlotPool
  let types: Set<String>
  private let handovers = Mutex<[Handover]>([])

  init(slots: Int, types: Set<String>) {
    self.slots = SlotPool(maximum: slots)
    self.types = types
  }

  var handedOver: [Handover] { self.handovers.withLock { $0 } }

  func runsEagerly(activityType: String) -> Bool { self.types.contains(activityType) }

  func reserveEagerSlot() -> SlotPermit? { self.slots.acquireIfFree() }

  func runEager(_ tasks: [ActivityTask], reserved: [SlotPermit]) async {
    self.handovers.withLock {
      $0.append(Handover(activityIDs: tasks.map(\.info.activityID), slots: reserved.count))
    }
    for permit in reserved { permit.release() }
  }
}

/// Waits until `condition` holds; throws after 20 s.
private func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
  let deadline = ContinuousClock.now + .seconds(20)
  while !condition() {
    guard ContinuousClock.now < deadline else { throw TestTimeout(what) }
    try await Task.sleep(for: .milliseconds(2))
  }
}
