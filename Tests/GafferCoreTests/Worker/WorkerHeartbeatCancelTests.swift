import Foundation
@testable import GafferCore
import Synchronization
import Testing

/// Heartbeats keep going after a cancel, until the attempt ends, as sdk-core
/// sends them: a body that cleans up for longer than its heartbeat timeout
/// still reaches the server as cancelled, not timed out.
@Suite("Heartbeats after a cancel, against a scripted server")
struct WorkerHeartbeatCancelTests {
  @Test("a cancelled body's cleanup heartbeats reach the server, then its cancellation is reported")
  func heartbeatsDuringCleanup() async throws {
    let server = ScriptedWorkerServer()
    // The first heartbeat's answer asks for the cancel.
    server.answerHeartbeats { _, _ in ActivityHeartbeatAnswer(cancelRequested: true) }
    let converter = PayloadConverter.default
    let cleanupSteps = 3
    let activities = [
      Activity("cleanup") { (context: ActivityContext) -> String in
        context.heartbeat("working")
        _ = try await context.waitForCancellation()
        // Cleanup outlasts the 1 s heartbeat timeout: each step waits until
        // the server has heard it, a window (0.8 s) apart. The waits run in
        // tasks of their own, as cleanup must: the body's task is cancelled.
        for step in 1...cleanupSteps {
          context.heartbeat("cleanup \(step)")
          let expected = try converter.payload(for: "cleanup \(step)")
          let token = context.attempt.task.token
          try await Task {
            try await server.waitUntil("cleanup heartbeat \(step) reaches the server", within: .seconds(10)) { record in
              record.heartbeats(of: token).contains([expected])
            }
          }.value
        }
        throw ActivityCancelledError(reason: .cancelRequested)
      }
    ]
    let worker = try server.worker(activities: activities)
    let run = start(worker)
    let task = ScriptedWorkerServer.task("cleanup", heartbeatTimeout: .seconds(1))
    server.offer(task)
    try await server.waitUntil("the cancellation is reported", within: .seconds(30)) { !$0.reports.isEmpty }
    let record = server.record
    #expect(record.heartbeats(of: task.token).count >= 1 + cleanupSteps)
    guard case .cancelled(let token)? = record.reports.first else {
      Issue.record("expected one RespondActivityTaskCanceled, got \(record.reports)")
      return
    }
    #expect(token == task.token)
    #expect(record.reports.count == 1)
    #expect(worker.snapshot().counters.abandoned == 0)
    worker.beginGracefulShutdown()
    try await value(of: run, within: .seconds(20), "run() returns after the drain")
    #expect(worker.snapshot().counters.cancelled == 1)
  }
}
