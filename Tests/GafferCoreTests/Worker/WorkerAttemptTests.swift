import Foundation
@testable import GafferCore
import Synchronization
import Testing

/// Attempts as the worker keeps them: two attempts of one activity are two
/// entries, each reported once, each cancellable on its own.
@Suite("In-flight attempts, against a scripted server")
struct WorkerAttemptTests {
  @Test("a retry that lands here while attempt 1 still runs is a second attempt: both shown, each ends on its own")
  func retryOnTheSameWorker() async throws {
    let server = ScriptedWorkerServer()
    let release = [1: OnceSignal<Void>(), 2: OnceSignal<Void>()]
    let activities = [
      Activity("hold") { (context: ActivityContext) -> String in
        let gate = try #require(release[context.info.attempt])
        try await gate.wait()
        return "attempt \(context.info.attempt)"
      }
    ]
    let worker = try server.worker(activities: activities)
    let run = start(worker)
    let first = ScriptedWorkerServer.task("hold", id: "7", attempt: 1, runID: "run-a")
    let second = ScriptedWorkerServer.task("hold", id: "7", attempt: 2, runID: "run-a")
    server.offer(first)
    try await waitUntil(worker, "attempt 1 runs") { $0.activities.count == 1 }
    server.offer(second)
    try await waitUntil(worker, "both attempts are in flight") { $0.activities.count == 2 }
    let shown = worker.snapshot().activities
    #expect(Set(shown.map(\.attempt)) == [1, 2])
    #expect(Set(shown.map(\.id)).count == 2, "each attempt has an id of its own")

    // Attempt 1 returns first: attempt 2 must stay, and stay cancellable.
    release[1]!.fire(())
    try await server.waitUntil("attempt 1's completion") { $0.reports.count == 1 }
    let remaining = worker.snapshot().activities
    #expect(remaining.map(\.attempt) == [2])
    let secondID = try #require(remaining.first?.id)
    try worker.send(.cancelActivity(id: secondID))
    try await server.waitUntil("attempt 2's report") { $0.reports.count == 2 }
    release[2]!.fire(())

    let reports = server.record.reports
    guard case .completed(let token, _) = reports[0] else {
      Issue.record("attempt 1 should complete, got \(reports[0])")
      return
    }
    #expect(token == first.token)
    guard case .failed(let failedToken, let failure, _) = reports[1] else {
      Issue.record("attempt 2 should fail as cancelled by the operator, got \(reports[1])")
      return
    }
    #expect(failedToken == second.token)
    #expect(failure.applicationFailureInfo.type == "ActivityCancelledByOperator")

    worker.beginGracefulShutdown()
    try await value(of: run, within: .seconds(20), "run() returns after the drain")
    #expect(worker.snapshot().activities.isEmpty)
    #expect(worker.snapshot().counters.received == 2)
  }

  @Test("a forced shutdown cancels both attempts of one activity")
  func forceCancelsBothAttempts() async throws {
    let server = ScriptedWorkerServer()
    let activities = [
      Activity("wait") { (context: ActivityContext) -> String in
        _ = try await context.waitForCancellation()
        throw ActivityCancelledError(reason: .workerShutdown)
      }
    ]
    let worker = try server.worker(activities: activities)
    let run = start(worker)
    server.offer(ScriptedWorkerServer.task("wait", id: "3", attempt: 1, runID: "run-b"))
    server.offer(ScriptedWorkerServer.task("wait", id: "3", attempt: 2, runID: "run-b"))
    try await waitUntil(worker, "both attempts are in flight") { $0.activities.count == 2 }
    worker.forceShutdown()
    try await value(of: run, within: .seconds(20), "run() returns after the force")
    let failures = server.record.reports.compactMap { call -> String? in
      if case .failed(_, let failure, _) = call { return failure.applicationFailureInfo.type }
      return nil
    }
    #expect(failures == ["WorkerShutdown", "WorkerShutdown"])
  }
}
