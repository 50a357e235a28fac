import Foundation
import GafferCore
import Testing

/// The server retries an attempt it timed out while the worker still runs
/// it (the worker's own timeout is 5 s later), and with one worker on the
/// queue the retry lands right here.
@Suite("A retry that lands on the same worker", .enabled(if: TestServer.available, TestServer.skipReason))
struct RetryOnSameWorkerTests {
  @Test("attempt 2 arrives while attempt 1 still runs here: both are shown, attempt 1's late completion counts as dropped, attempt 2 completes the workflow")
  func retryAlongside() async throws {
    let queue = TestServer.uniqueTaskQueue("retryhere")
    let firstReturns = Gate()
    let secondReturns = Gate()
    let activities = [
      Activity("slow-first") { (context: ActivityContext, n: Int) -> Int in
        if context.info.attempt == 1 {
          await firstReturns.wait()
          return -n
        }
        await secondReturns.wait()
        return n
      }
    ]
    let counters = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { worker in
      let driver = Task {
        try await PythonDriver.run(
          taskQueue: queue,
          calls: [.init(id: "retry", activity: "slow-first", args: [5], startToClose: 2, maxAttempts: 2, initialInterval: 0.1)])
      }
      try await WorkerHarness.eventually(worker, "both attempts run here", within: .seconds(30)) {
        Set($0.activities.map(\.attempt)) == [1, 2]
      }
      let both = worker.snapshot().activities
      #expect(both.count == 2)
      #expect(Set(both.map(\.id)).count == 2)
      #expect(Set(both.map(\.activityID)).count == 1, "one activity, two attempts")

      firstReturns.open()
      try await WorkerHarness.eventually(worker, "attempt 1's completion was refused and counted") { $0.counters.dropped == 1 }
      #expect(worker.snapshot().activities.map(\.attempt) == [2], "attempt 1 leaving did not take attempt 2 with it")
      secondReturns.open()
      let report = try await driver.value
      let outcome = try #require(report.results["retry"])
      #expect(outcome.value == 5, "attempt 2's result")
      try await WorkerHarness.eventually(worker, "attempt 2 is counted") { $0.counters.completed == 1 }
      return worker.snapshot().counters
    }
    #expect(counters.received == 2)
    #expect(counters.retries == 1)
    #expect(counters.completed == 1, "only the report the server took")
    #expect(counters.dropped == 1)
    #expect(counters.completed + counters.failed + counters.cancelled + counters.dropped == counters.received)
  }
}
