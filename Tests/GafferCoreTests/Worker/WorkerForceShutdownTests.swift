import BenchContract
import Foundation
@testable import GafferCore
import Logging
import TemporalAPI
import Synchronization
import Testing

/// A forced shutdown (a second Ctrl-C or SIGTERM, or cancelling `run()`)
/// ends within a few seconds whatever the server or a body does: reports it
/// can't deliver and bodies that ignore cancellation are given up, and said so.
@Suite("A forced shutdown is bounded, against a scripted server")
struct WorkerForceShutdownTests {
  @Test("with the server down, a force gives up the report it was retrying instead of waiting out the attempt's hour")
  func forceDuringOutage() async throws {
    let server = ScriptedWorkerServer()
    server.answerReports { _, _ in throw ScriptedWorkerServer.unavailable() }
    let worker = try server.worker(activities: [Activity("quick") { (_: ActivityContext) in "done" }])
    let run = start(worker)
    server.offer(ScriptedWorkerServer.task("quick", startToClose: .seconds(3600)))
    try await server.waitUntil("the completion is being retried") { $0.refusedReports >= 2 }
    worker.beginGracefulShutdown()
    worker.forceShutdown()
    try await value(of: run, within: .seconds(30), "run() returns after the force")
    let counters = worker.snapshot().counters
    #expect(counters.reportsAbandoned == 1)
    #expect(counters.received == 1)
  }

  @Test("a force gives up a workflow-task completion a frozen server never answers, instead of waiting on it")
  func forceGivesUpWorkflowCompletion() async throws {
    let server = ScriptedServerWithWorkflows()
    server.workflows.hangCompletions()
    let worker = try Worker(
      server: server, identity: "unit@test", taskQueue: "unit", activities: [], workflows: [ContractWorkflows.timer],
      options: ScriptedWorkerServer.options(), logger: Logger(label: "gaffer.worker.unit") { _ in SwiftLogNoOpLogHandler() })
    let run = start(worker)
    var history = HistoryBuilder()
    history.started("timer", input: [json(1000)])
    history.workflowTask(completed: false)
    var response = Temporal_Api_Workflowservice_V1_PollWorkflowTaskQueueResponse()
    response.taskToken = Data("wft-1".utf8)
    response.workflowExecution.workflowID = "wf-1"
    response.workflowExecution.runID = "run-1"
    response.workflowType.name = "timer"
    response.attempt = 1
    response.startedEventID = history.events.last?.eventID ?? 0
    response.history.events = history.events
    server.workflows.hand(try #require(WorkflowTask(response)))
    _ = try await server.workflows.waitForReports(1)
    worker.beginGracefulShutdown()
    worker.forceShutdown()
    try await value(of: run, within: .seconds(30), "run() returns after the force")
    #expect(worker.snapshot().workflows?.counters.reportsLost == 1, "the completion given up is counted")
  }

  @Test("a force gives up a body that ignores its cancellation, instead of waiting for its deadline")
  func forceAbandonsStuckBody() async throws {
    let server = ScriptedWorkerServer()
    let stuck = OnceSignal<Void>()
    let activities = [
      Activity("stubborn") { (_: ActivityContext) -> String in
        // Ignores Swift cancellation: waits on a signal nobody fires until the test ends.
        await withCheckedContinuation { continuation in
          Task.detached {
            _ = try? await stuck.wait()
            continuation.resume()
          }
        }
        return "late"
      }
    ]
    let worker = try server.worker(activities: activities)
    let run = start(worker)
    server.offer(ScriptedWorkerServer.task("stubborn", startToClose: .seconds(3600)))
    try await waitUntil(worker, "the body runs") { $0.activities.count == 1 }
    worker.forceShutdown()
    try await value(of: run, within: .seconds(30), "run() returns after the force")
    #expect(worker.snapshot().counters.abandoned == 1)
    #expect(server.record.reports.isEmpty, "an abandoned body is not reported")
    stuck.fire(())
  }

  @Test("a force doesn't wait for a ShutdownWorker call a frozen server never answers")
  func forceWithFrozenShutdownWorker() async throws {
    let server = ScriptedWorkerServer()
    server.hangShutdownWorker()
    let worker = try server.worker(activities: [Activity("quick") { (_: ActivityContext) in "done" }])
    let run = start(worker)
    try await server.waitUntil("the poller waits on the server") { $0.openPolls == 1 }
    worker.beginGracefulShutdown()
    try await server.waitUntil("ShutdownWorker was called") { $0.calls.contains { if case .shutdownWorker = $0 { true } else { false } } }
    worker.forceShutdown()
    try await value(of: run, within: .seconds(30), "run() returns after the force")
  }

  @Test("a graceful drain with the server down keeps retrying: nothing is given up without a force")
  func drainKeepsRetrying() async throws {
    let server = ScriptedWorkerServer()
    let down = Mutex(true)
    server.answerReports { _, _ in
      if down.withLock({ $0 }) { throw ScriptedWorkerServer.unavailable() }
    }
    let worker = try server.worker(activities: [Activity("quick") { (_: ActivityContext) in "done" }])
    let run = start(worker)
    server.offer(ScriptedWorkerServer.task("quick", startToClose: .seconds(3600)))
    try await server.waitUntil("the completion is being retried") { $0.refusedReports >= 2 }
    worker.beginGracefulShutdown()
    try await server.waitUntil("still retrying while draining") { $0.refusedReports >= 4 }
    #expect(worker.isRunning)
    down.withLock { $0 = false }
    try await value(of: run, within: .seconds(30), "run() returns once the report is in")
    let counters = worker.snapshot().counters
    #expect(counters.completed == 1)
    #expect(counters.reportsAbandoned == 0)
  }
}
