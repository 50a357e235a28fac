import Foundation
@testable import GafferCore
import Synchronization
import Testing

/// Input and behaviour no activity author intends: each ends in one clear
/// report (or, for a body that ignores cancellation, a stuck slot the
/// snapshot shows), and the worker goes on.
@Suite("Bad input and misbehaving activities", .enabled(if: TestServer.available, TestServer.skipReason))
struct BadInputTests {
  @Test("bytes that are not JSON and a JSON null for a String fail as non-retryable, naming the argument")
  func undecodablePayloads() async throws {
    let queue = TestServer.uniqueTaskQueue("badjson")
    let activities = [Activity("greet") { (_, name: String) in "hi \(name)" }]
    let (report, counters) = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { worker in
      let report = try await PythonDriver.run(
        taskQueue: queue,
        calls: [
          .init(id: "not-json", activity: "greet", maxAttempts: 3, rawArgs: [.init(encoding: "json/plain", data: "{not json")]),
          .init(id: "null", activity: "greet", maxAttempts: 3, rawArgs: [.init(encoding: "json/plain", data: "null")]),
          .init(id: "fine", activity: "greet", args: ["after"]),
        ])
      // The workflow can see a result before the worker has counted its report.
      try await WorkerHarness.eventually(worker, "all three reports are counted") { $0.activities.isEmpty }
      return (report, worker.snapshot().counters)
    }
    for id in ["not-json", "null"] {
      let outcome = try #require(report.results[id])
      let cause = try #require(outcome.error?.cause)
      #expect(cause.nonRetryable == true, "\(id)")
      #expect(cause.message.contains("Activity 'greet' can't decode argument 1 of 1 as String"), "\(id): \(cause.message)")
      #expect(outcome.historyEvents.count == 2, "\(id): one attempt, one failure: \(outcome.historyEvents)")
    }
    #expect(report.results["fine"]?.value == "hi after")
    #expect(counters.failed == 2)
    #expect(counters.completed == 1)
  }

  @Test("a 1.9 MiB argument comes through; a result over the 2 MiB limit fails as ResultTooLarge, and the worker goes on")
  func largePayloads() async throws {
    let queue = TestServer.uniqueTaskQueue("bigpayload")
    let activities = [
      Activity("measure") { (_, text: String) in text.utf8.count },
      Activity("inflate") { (_, bytes: Int) in String(repeating: "x", count: bytes) },
      Activity("echo") { (_, text: String) in text },
    ]
    let big = String(repeating: "y", count: 1_900_000)
    let (report, snapshot) = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { worker in
      let report = try await PythonDriver.run(
        taskQueue: queue,
        calls: [
          .init(id: "big-in", activity: "measure", args: [.string(big)]),
          .init(id: "big-out", activity: "inflate", args: [.number(2 * 1024 * 1024 + 1)], startToClose: 10),
          .init(id: "after", activity: "echo", args: ["still here"]),
        ])
      try await WorkerHarness.eventually(worker, "all three reports are counted") { $0.activities.isEmpty }
      return (report, worker.snapshot())
    }
    #expect(report.results["big-in"]?.value == .number(1_900_000))
    let bigOut = try #require(report.results["big-out"]?.error?.cause)
    #expect(bigOut.type == "ResultTooLarge")
    #expect(bigOut.message.contains("accepts results up to 2097152 bytes"), "\(bigOut.message)")
    #expect(bigOut.nonRetryable == true)
    #expect(snapshot.counters.failed == 1, "the worker counts what the server records")
    #expect(snapshot.counters.completed == 2)
    #expect(report.results["after"]?.value == "still here")
    #expect(snapshot.lifecycle == .running)
  }

  @Test("an activity that throws while its heartbeat is in flight is reported failed once")
  func throwsDuringHeartbeat() async throws {
    let queue = TestServer.uniqueTaskQueue("throwhb")
    let activities = [
      Activity("beat-then-throw") { (context: ActivityContext, _: String) -> String in
        context.heartbeat("about to fail")
        throw ApplicationError("failed right after a heartbeat", type: "Boom", nonRetryable: true)
      }
    ]
    let (report, counters) = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { worker in
      let report = try await PythonDriver.run(
        taskQueue: queue, calls: [.init(id: "boom", activity: "beat-then-throw", args: ["x"], heartbeatTimeout: 10)])
      try await WorkerHarness.eventually(worker, "the report is counted") { $0.activities.isEmpty }
      return (report, worker.snapshot().counters)
    }
    let outcome = try #require(report.results["boom"])
    #expect(outcome.error?.cause?.type == "Boom")
    #expect(outcome.historyEvents == ["started 1", "failed Boom"])
    #expect(counters.failed == 1)
    #expect(counters.received == 1)
    // Nothing else: no second report refused by the server (it would show
    // as dropped), none given up, no completion or cancellation.
    #expect(counters.completed == 0)
    #expect(counters.cancelled == 0)
    #expect(counters.dropped == 0)
    #expect(counters.reportsAbandoned == 0)
  }

  @Test("a body that ignores cancellation is abandoned at its deadline with its slot shown stuck, and frees it when it returns")
  func ignoresCancellation() async throws {
    let queue = TestServer.uniqueTaskQueue("stuck")
    let gate = Gate()
    let activities = [
      Activity("stubborn") { (_, _: String) -> String in
        await gate.wait()
        return "returned at last"
      }
    ]
    try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { worker in
      let report = try await PythonDriver.run(
        taskQueue: queue, calls: [.init(id: "stuck", activity: "stubborn", args: ["x"], startToClose: 2)])
      #expect(report.results["stuck"]?.error?.cause?.timeoutType == "START_TO_CLOSE")

      // Local timeout (deadline + 5 s) cancels it; 5 s later it is abandoned.
      try await WorkerHarness.eventually(worker, "the attempt is abandoned", within: .seconds(60)) {
        $0.activities.first?.abandonedAt != nil
      }
      let stuck = worker.snapshot()
      #expect(stuck.activities.count == 1)
      #expect(stuck.activities.first?.cancellation == .timedOut)
      #expect(stuck.activitySlots.running >= 1, "the slot stays taken")
      #expect(stuck.counters.abandoned == 1)
      #expect(stuck.counters.failed == 0 && stuck.counters.completed == 0, "nothing is reported")
      #expect(stuck.recentEvents.contains { $0.level == .error && $0.message.contains("ignored its cancellation") })

      gate.open()
      try await WorkerHarness.eventually(worker, "the slot is free once the body returns") { $0.activities.isEmpty }
      #expect(worker.snapshot().recentEvents.contains { $0.message.contains("its stuck slot is free") })
    }
  }
}
