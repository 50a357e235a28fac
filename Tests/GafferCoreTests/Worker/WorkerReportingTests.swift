import Foundation
@testable import GafferCore
import Synchronization
import Testing

/// Reports and the counters that follow them: every task received ends in
/// exactly one outcome, and only reports the server took count as done.
@Suite("Reports and counters, against a scripted server")
struct WorkerReportingTests {
  @Test("a completion refused through an outage is retried until the server takes it, and delivered once")
  func reportRetriedThroughOutage() async throws {
    let server = ScriptedWorkerServer()
    let refusals = Mutex(3)
    server.answerReports { _, _ in
      let refuse = refusals.withLock { left -> Bool in
        guard left > 0 else { return false }
        left -= 1
        return true
      }
      if refuse { throw ScriptedWorkerServer.unavailable() }
    }
    let worker = try server.worker(activities: [Activity("quick") { (_: ActivityContext) in "done" }])
    let run = start(worker)
    server.offer(ScriptedWorkerServer.task("quick"))
    try await server.waitUntil("the completion gets through") { $0.reports.count == 4 }
    worker.beginGracefulShutdown()
    try await value(of: run, within: .seconds(20), "run() returns after the drain")
    let record = server.record
    #expect(record.refusedReports == 3)
    #expect(record.reports.allSatisfy { if case .completed = $0 { true } else { false } })
    let counters = worker.snapshot().counters
    #expect(counters.completed == 1)
    #expect(counters.reportsAbandoned == 0)
    #expect(counters.dropped == 0)
  }

  @Test("a body that throws while its first heartbeat is in flight makes exactly one call to report, a failure with the details")
  func throwsDuringHeartbeat() async throws {
    let server = ScriptedWorkerServer()
    let heartbeatArrived = OnceSignal<Void>()
    let failureSent = OnceSignal<Void>()
    // The body throws once its heartbeat has reached the server.
    server.answerHeartbeats { _, _ in
      heartbeatArrived.fire(())
      return ActivityHeartbeatAnswer()
    }
    server.answerReports { _, _ in failureSent.fire(()) }
    let activities = [
      Activity("beat-then-throw") { (context: ActivityContext) -> String in
        context.heartbeat("about to fail")
        try await heartbeatArrived.wait()
        throw ApplicationError("failed right after a heartbeat", type: "Boom", nonRetryable: true)
      }
    ]
    let worker = try server.worker(activities: activities)
    let run = start(worker)
    let task = ScriptedWorkerServer.task("beat-then-throw", heartbeatTimeout: .seconds(10))
    server.offer(task)
    try await failureSent.wait()
    worker.beginGracefulShutdown()
    try await value(of: run, within: .seconds(20), "run() returns after the drain")
    let reports = server.record.reports
    #expect(reports.count == 1, "exactly one report: \(reports)")
    guard case .failed(let token, let failure, let details)? = reports.first else {
      Issue.record("expected a failure report, got \(reports)")
      return
    }
    #expect(token == task.token)
    #expect(failure.applicationFailureInfo.type == "Boom")
    #expect(details == [try PayloadConverter.default.payload(for: "about to fail")])
    let counters = worker.snapshot().counters
    #expect(counters.failed == 1)
    #expect(counters.completed + counters.cancelled + counters.dropped + counters.reportsAbandoned == 0)
  }

  @Test("a report answered NOT_FOUND counts once, as dropped, never as completed")
  func notFoundCountsOnce() async throws {
    let server = ScriptedWorkerServer()
    server.answerReports { _, _ in
      throw ConnectionError(code: .notFound, message: "workflow execution already completed")
    }
    let worker = try server.worker(activities: [Activity("quick") { (_: ActivityContext) in "done" }])
    let run = start(worker)
    server.offer(ScriptedWorkerServer.task("quick"))
    try await server.waitUntil("the completion was answered") { $0.refusedReports == 1 }
    worker.beginGracefulShutdown()
    try await value(of: run, within: .seconds(20), "run() returns after the drain")
    let counters = worker.snapshot().counters
    #expect(counters.completed == 0)
    #expect(counters.dropped == 1)
    #expect(counters.completed + counters.failed + counters.cancelled + counters.dropped == counters.received)
    #expect(counters.byType["quick"]?.completed ?? 0 == 0)
  }

  @Test("a poll the server refuses for good fails the worker: run() throws WorkerFailedError and no poll is left counted open")
  func fatalPollFailsTheWorker() async throws {
    let server = ScriptedWorkerServer()
    server.offer(.error(ConnectionError(code: .namespaceNotFound, message: "Namespace 'unit' is not found.")))
    let worker = try server.worker(activities: [Activity("quick") { (_: ActivityContext) in "done" }])
    let run = start(worker)
    do {
      try await value(of: run, within: .seconds(20), "run() ends after the failure")
      Issue.record("run() returned normally; it should throw WorkerFailedError")
    } catch let error as WorkerFailedError {
      #expect(error.taskQueue == "unit")
      #expect(error.reason.contains("Namespace 'unit' is not found"))
    }
    let snapshot = worker.snapshot()
    #expect(snapshot.activityPollers.inFlight == 0)
    if case .failed = snapshot.lifecycle {} else { Issue.record("lifecycle is \(snapshot.lifecycle), not failed") }
  }

  @Test("tasks of ever new unknown types keep the per-type counters bounded")
  func perTypeCountersAreCapped() async throws {
    let server = ScriptedWorkerServer()
    let worker = try server.worker(activities: [Activity("known") { (_: ActivityContext) in "done" }])
    let run = start(worker)
    let unknownTypes = ActivityCounters.maximumTypes + 50
    for index in 0..<unknownTypes { server.offer(ScriptedWorkerServer.task("unknown-\(index)", id: "\(index)")) }
    server.offer(ScriptedWorkerServer.task("known", id: "k"))
    try await server.waitUntil("every task was reported") { $0.reports.count == unknownTypes + 1 }
    worker.beginGracefulShutdown()
    try await value(of: run, within: .seconds(20), "run() returns after the drain")
    let counters = worker.snapshot().counters
    #expect(counters.byType.count == ActivityCounters.maximumTypes + 2, "the capped types, the overflow key, and the registered one")
    #expect(counters.byType[ActivityCounters.otherTypes]?.failed == 50)
    #expect(counters.byType["known"]?.completed == 1, "registered types always keep their own counts")
    let failed = counters.byType.values.map(\.failed).reduce(0, +)
    #expect(failed == unknownTypes, "nothing is lost by lumping: the overflow is counted under one key")
    #expect(worker.metrics.unregisteredTypeCount == ActivityCounters.maximumTypes)
  }
}
