import Foundation
import GafferCore
import Testing

/// Graceful shutdown: in-flight work finishes, or is handed back to the
/// server as a retryable WorkerShutdown failure; nothing is lost.
@Suite("Draining a worker", .enabled(if: TestServer.available, TestServer.skipReason))
struct WorkerDrainTests {
  @Test("20 activities still running when the drain begins and a 30 s grace: all complete, then run() returns")
  func drainCompletesInFlightWork() async throws {
    let queue = TestServer.uniqueTaskQueue("drain")
    // Each body holds its slot until the drain has begun and then works for
    // two more seconds, so all 20 are in flight together however slowly the
    // driver starts them.
    let activities = [
      Activity("finish_after_drain_begins") { (context: ActivityContext, n: Int) in
        try await context.waitForWorkerShutdown()
        try await Task.sleep(for: .seconds(2))
        return n
      }
    ]
    let driver = Task {
      try await PythonDriver.run(
        taskQueue: queue,
        calls: (0..<20).map { .init(id: "d\($0)", activity: "finish_after_drain_begins", args: [.number(Double($0))], startToClose: 120) })
    }
    var options = WorkerOptions()
    options.gracefulShutdownTimeout = .seconds(30)
    let final = try await WorkerHarness.drain(taskQueue: queue, activities: activities, options: options, inFlight: 20) {
      draining in
      #expect(draining.lifecycle == .draining)
      #expect(draining.drain?.inFlightAtStart == 20)
    }
    #expect(final.lifecycle == .stopped)
    #expect(final.counters.completed == 20)
    #expect(final.activities.isEmpty)
    #expect(final.drain?.phase == .finished)
    let report = try await driver.value
    #expect(report.results.count == 20)
    #expect(report.results.values.allSatisfy { $0.ok && $0.historyEvents == ["started 1", "completed"] })
  }

  @Test("a 1 s grace with long heartbeating activities: each sees worker-shutdown, the server retries them on a second worker")
  func shortGraceHandsWorkBack() async throws {
    let queue = TestServer.uniqueTaskQueue("handback")
    let shutdownNotices = Observations<String>()
    let cancellations = Observations<ActivityCancellationReason>()
    let activities = [
      Activity("long_job") { (context: ActivityContext, n: Int) -> Int in
        guard context.info.attempt == 1 else { return n }
        let notice = Task {
          try await context.waitForWorkerShutdown()
          shutdownNotices.append(context.info.workflowID)
        }
        defer { notice.cancel() }
        // Runs until the 1 s grace cancels it; the bound only ends a broken test.
        for step in 0..<600 {
          context.heartbeat(step)
          do {
            try await Task.sleep(for: .milliseconds(100))
          } catch {
            cancellations.append(context.cancellationReason ?? .cancelRequested)
            throw error
          }
        }
        return n
      }
    ]
    let count = 5
    let driver = Task {
      try await PythonDriver.run(
        taskQueue: queue,
        calls: (0..<count).map {
          .init(id: "j\($0)", activity: "long_job", args: [.number(Double($0))], heartbeatTimeout: 5, maxAttempts: 3, initialInterval: 0.1)
        })
    }
    var options = WorkerOptions()
    options.gracefulShutdownTimeout = .seconds(1)
    // Heartbeats every 0.5 s keep a busy machine far from the 5 s timeout.
    options.maxHeartbeatThrottleInterval = .milliseconds(500)
    let first = try await WorkerHarness.drain(taskQueue: queue, activities: activities, options: options, inFlight: count)
    #expect(first.lifecycle == .stopped)
    #expect(first.counters.failed == count, "each reported as a WorkerShutdown failure")
    #expect(first.counters.reportsAbandoned == 0)
    #expect(Set(shutdownNotices.all).count == count, "every activity heard the shutdown notice")
    #expect(cancellations.all == Array(repeating: .workerShutdown, count: count))

    // A second worker on the queue picks the retries up at once.
    let report = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { _ in
      try await driver.value
    }
    #expect(report.results.count == count)
    for (id, outcome) in report.results {
      #expect(outcome.ok, "\(id)")
      // With a retry policy, history records only the final attempt; its
      // start carries the previous attempt's failure.
      #expect(outcome.historyEvents == ["started 2", "completed"], "\(id)")
      #expect(outcome.attempts.first?.lastFailureType == "WorkerShutdown", "\(id)")
    }
  }
}
