import Foundation
@testable import GafferCore
import Testing

/// Heartbeats carry progress between attempts and bring cancellation in.
@Suite("Activity heartbeats and cancellation", .enabled(if: TestServer.available, TestServer.skipReason))
struct ActivityHeartbeatTests {
  @Test("attempt 2 sees the details attempt 1 heartbeated")
  func detailsAcrossAttempts() async throws {
    let queue = TestServer.uniqueTaskQueue("hbdetails")
    let resumedFrom = Observations<Int?>()
    let activities = [
      Activity("resumable") { (context: ActivityContext) -> Int in
        let previous = try context.previousHeartbeatDetails(as: Int.self)
        resumedFrom.append(previous)
        if context.info.attempt == 1 {
          context.heartbeat(41)
          throw ApplicationError("crashed after saving progress", type: "Crash")
        }
        return (previous ?? 0) + 1
      }
    ]
    let report = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { _ in
      try await PythonDriver.run(
        taskQueue: queue, calls: [.init(id: "r", activity: "resumable", heartbeatTimeout: 10, maxAttempts: 2)])
    }
    #expect(report.results["r"]?.value == 42)
    #expect(resumedFrom.all == [nil, 41])
  }

  @Test("a cancelled activity that cleans up for longer than its heartbeat timeout keeps heartbeating: the server records the cancellation, not a heartbeat timeout")
  func heartbeatsDuringCleanup() async throws {
    let queue = TestServer.uniqueTaskQueue("cleanup")
    let activities = [
      Activity("slow_cleanup") { (context: ActivityContext) -> String in
        while !context.isCancelled {
          context.heartbeat("working")
          try? await Task.sleep(for: .milliseconds(100))
        }
        // Cleanup: 8 s, twice the heartbeat timeout, heartbeating as it
        // goes. The waits run in tasks of their own: this one is cancelled.
        let cleanupEnds = ContinuousClock.now + .seconds(8)
        while ContinuousClock.now < cleanupEnds {
          context.heartbeat("cleaning up")
          try await Task { try await Task.sleep(for: .milliseconds(100)) }.value
        }
        try context.checkCancellation()
        return "not cancelled"
      }
    ]
    // A 4 s heartbeat timeout with a heartbeat every 0.2 s: room for a busy
    // CI machine (a 2 s timeout timed out there before the cancel arrived).
    var options = WorkerOptions()
    options.maxHeartbeatThrottleInterval = .milliseconds(200)
    let (report, counters) = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities, options: options) { worker in
      let report = try await PythonDriver.run(
        taskQueue: queue,
        calls: [.init(id: "c", activity: "slow_cleanup", heartbeatTimeout: 4, cancelAfter: 1)])
      try await WorkerHarness.eventually(worker, "the attempt has ended") { $0.activities.isEmpty }
      return (report, worker.snapshot().counters)
    }
    let outcome = try #require(report.results["c"])
    #expect(outcome.error?.cause?.class == "CancelledError", "the workflow saw \(String(describing: outcome.error?.cause?.class))")
    #expect(outcome.historyEvents.last == "canceled", "history: \(outcome.historyEvents)")
    #expect(counters.cancelled == 1)
    #expect(counters.abandoned == 0)
  }

  @Test("a workflow cancels a heartbeating activity: it sees 'cancel requested' and the workflow sees it cancelled")
  func cancelRequested() async throws {
    let queue = TestServer.uniqueTaskQueue("cancel")
    let reasons = Observations<ActivityCancellationReason>()
    let activities = [
      Activity("wait_for_cancel") { (context: ActivityContext) -> String in
        while !context.isCancelled {
          context.heartbeat("working")
          try? await Task.sleep(for: .milliseconds(100))
        }
        reasons.append(try #require(context.cancellationReason))
        try context.checkCancellation()
        return "not cancelled"
      }
    ]
    // Heartbeats every 0.2 s against a 3 s timeout: the default throttle
    // (0.8 × timeout) leaves 0.6 s, which a busy CI machine sometimes misses,
    // and the attempt then times out instead of seeing the cancel.
    var options = WorkerOptions()
    options.maxHeartbeatThrottleInterval = .milliseconds(200)
    let report = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities, options: options) { worker in
      let report = try await PythonDriver.run(
        taskQueue: queue,
        calls: [.init(id: "c", activity: "wait_for_cancel", heartbeatTimeout: 3, cancelAfter: 1)])
      // The workflow sees the cancellation as soon as it asks for it; the
      // worker counts its report a moment later.
      try await WorkerHarness.eventually(worker, "the cancellation is reported") { $0.counters.cancelled == 1 }
      return report
    }
    #expect(reasons.all == [.cancelRequested])
    let outcome = try #require(report.results["c"])
    #expect(outcome.error?.cause?.class == "CancelledError")
    #expect(outcome.historyEvents.last == "canceled")
  }

  @Test("an activity that never heartbeats times out on the server, and the worker lets it go without a report")
  func heartbeatTimeout() async throws {
    let queue = TestServer.uniqueTaskQueue("hbtimeout")
    let activities = [
      Activity("silent") { (context: ActivityContext) -> String in
        try await Task.sleep(for: .seconds(30))
        return "finished"
      }
    ]
    let report = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { worker in
      let report = try await PythonDriver.run(
        taskQueue: queue, calls: [.init(id: "s", activity: "silent", heartbeatTimeout: 1)])
      // The local timer (timeout + 5 s) frees the slot without reporting.
      try await WorkerHarness.eventually(worker, "the timed-out attempt is dropped") { $0.counters.dropped == 1 }
      #expect(worker.snapshot().activities.isEmpty)
      return report
    }
    let outcome = try #require(report.results["s"])
    #expect(outcome.error?.cause?.class == "TimeoutError")
    #expect(outcome.error?.cause?.timeoutType == "HEARTBEAT")
  }

  @Test("a heartbeat the server answers NOT_FOUND (the attempt timed out) cancels the body at once, without a report")
  func heartbeatNotFoundCancels() async throws {
    let queue = TestServer.uniqueTaskQueue("hbnotfound")
    let seen = OnceSignal<ActivityCancellationReason>()
    let activities = [
      Activity("late-beat") { (context: ActivityContext) -> String in
        do {
          context.heartbeat(1)
          // Long past the 1 s heartbeat timeout, but well before the local
          // timer (timeout + 5 s): only the server's answer can cancel it.
          // (On a loaded machine the first heartbeat may already be late.)
          try await Task.sleep(for: .seconds(3))
          context.heartbeat(2)
          try await Task.sleep(for: .seconds(30))
        } catch {
          if let reason = context.cancellationReason { seen.fire(reason) }
          throw error
        }
        return "finished"
      }
    ]
    let report = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { worker in
      let report = try await PythonDriver.run(
        taskQueue: queue, calls: [.init(id: "late", activity: "late-beat", heartbeatTimeout: 1)])
      try await WorkerHarness.eventually(worker, "the attempt is dropped") { $0.counters.dropped == 1 }
      #expect(worker.snapshot().counters.failed == 0 && worker.snapshot().counters.cancelled == 0)
      return report
    }
    #expect(seen.value == .notFound)
    #expect(report.results["late"]?.error?.cause?.timeoutType == "HEARTBEAT")
  }
}
