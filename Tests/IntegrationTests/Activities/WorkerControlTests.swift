import Foundation
import GafferCore
import Synchronization
import Testing

/// Pausing and resizing a running worker, observed through its snapshot and
/// through what its activities saw.
@Suite("Pausing and resizing a running worker", .enabled(if: TestServer.available, TestServer.skipReason))
struct WorkerControlTests {
  /// Counts activities running at once and remembers the peak.
  final class Concurrency: Sendable {
    private let counts = Mutex((running: 0, peak: 0, started: 0))

    /// Returns how many entered before this one.
    @discardableResult
    func enter() -> Int {
      self.counts.withLock {
        $0.running += 1
        $0.started += 1
        $0.peak = max($0.peak, $0.running)
        return $0.started - 1
      }
    }

    func leave() { self.counts.withLock { $0.running -= 1 } }

    var peak: Int { self.counts.withLock { $0.peak } }
    var started: Int { self.counts.withLock { $0.started } }
    var running: Int { self.counts.withLock { $0.running } }
  }

  @Test("while paused no task starts; after resume all 10 complete")
  func pauseAndResume() async throws {
    let queue = TestServer.uniqueTaskQueue("pause")
    let concurrency = Concurrency()
    let activities = [
      Activity("work") { (_, n: Int) in
        concurrency.enter()
        defer { concurrency.leave() }
        return n
      }
    ]
    var options = WorkerOptions()
    options.activityPollers = 5  // a fixed number, to count the open polls
    // Open polls finish by themselves when paused (they are not cancelled,
    // so no task is lost); a short poll deadline lets the test see that soon.
    options.pollTimeout = .seconds(8)
    try await WorkerHarness.withWorker(taskQueue: queue, activities: activities, options: options) { worker in
      try await WorkerHarness.eventually(worker, "pollers are polling") { $0.activityPollers.inFlight == 5 }
      try worker.send(.pause)
      #expect(worker.snapshot().lifecycle == .paused)
      try await WorkerHarness.eventually(worker, "open polls ended") { $0.activityPollers.inFlight == 0 }
      #expect(worker.snapshot().activityPollers.pollers.allSatisfy { $0 == .paused })

      let driver = Task {
        try await PythonDriver.run(taskQueue: queue, calls: (0..<10).map { .init(id: "w\($0)", activity: "work", args: [.number(Double($0))]) })
      }
      // The observation window the issue asks for: nothing may start in it.
      try await Task.sleep(for: .seconds(5))
      #expect(concurrency.started == 0, "no task may start while paused")
      #expect(worker.snapshot().counters.received == 0)

      try worker.send(.resume)
      let report = try await driver.value
      #expect(report.results.count == 10)
      #expect(report.results.values.allSatisfy { $0.ok })
      #expect(concurrency.started == 10)
      // Reversible any number of times.
      try worker.send(.pause)
      try worker.send(.resume)
      #expect(worker.snapshot().lifecycle == .running)
    }
  }

  @Test("with 2 slots, 20 holding activities never exceed 2 running; raised to 10, they reach 10; shrunk to 3, the next wave stops at 3")
  func resize() async throws {
    let queue = TestServer.uniqueTaskQueue("resize")
    let concurrency = Concurrency()
    let secondWave = Concurrency()
    // The first 10 bodies to start hold until phase 1, the rest until phase 2.
    let phase = Mutex(0)
    let activities = [
      Activity("hold") { (_, n: Int) in
        let index = concurrency.enter()
        defer { concurrency.leave() }
        let wave = index < 10 ? 1 : 2
        if wave == 2 { secondWave.enter() }
        defer { if wave == 2 { secondWave.leave() } }
        while phase.withLock({ $0 }) < wave { try await Task.sleep(for: .milliseconds(20)) }
        return n
      }
    ]
    var options = WorkerOptions()
    options.maxConcurrentActivities = 2
    try await WorkerHarness.withWorker(taskQueue: queue, activities: activities, options: options) { worker in
      let driver = Task {
        try await PythonDriver.run(taskQueue: queue, calls: (0..<20).map { .init(id: "h\($0)", activity: "hold", args: [.number(Double($0))]) })
      }
      // A body starts a moment after its attempt appears in the snapshot.
      try await WorkerHarness.eventually(worker, "2 bodies hold both slots") { $0.activities.count == 2 && concurrency.peak == 2 }
      #expect(worker.snapshot().activitySlots.running == 2)
      #expect(worker.snapshot().activitySlots.maximum == 2)

      try worker.send(.setMaxConcurrentActivities(10))
      try await WorkerHarness.eventually(worker, "10 bodies run") { $0.activities.count == 10 && concurrency.peak == 10 }

      // Shrinking never cancels running work: 10 keep running against a target of 3.
      try worker.send(.setMaxConcurrentActivities(3))
      let shrunk = worker.snapshot()
      #expect(shrunk.activitySlots.maximum == 3)
      #expect(shrunk.activitySlots.running == 10)
      #expect(shrunk.activities.allSatisfy { $0.cancellation == nil })

      // The first wave ends; of the 10 tasks still on the server, exactly 3
      // may start. A poller waiting for a slot while 3 run proves the pool
      // turns the 4th away (were the shrink ignored, 10 would run and no
      // poller would wait).
      phase.withLock { $0 = 1 }
      try await WorkerHarness.eventually(worker, "3 of the second wave run and a poller waits for a slot") {
        $0.activitySlots.running == 3 && $0.activitySlots.waiting >= 1 && secondWave.running == 3
      }
      #expect(secondWave.peak == 3)
      phase.withLock { $0 = 2 }
      let report = try await driver.value
      #expect(report.results.values.allSatisfy { $0.ok })
      #expect(report.results.count == 20)
      #expect(secondWave.peak == 3, "the shrink held while the second wave ran")
      #expect(concurrency.started == 20)

      #expect(throws: WorkerCommandError.self) { try worker.send(.setMaxConcurrentActivities(0)) }
    }
  }

  @Test("cancelling one activity by id stops only it, as a retryable failure the server retries")
  func cancelOne() async throws {
    let queue = TestServer.uniqueTaskQueue("cancelone")
    let activities = [
      Activity("wait") { (context: ActivityContext, n: Int) -> Int in
        if context.info.attempt > 1 { return -n }
        _ = try await context.waitForCancellation()
        try context.checkCancellation()
        return n
      }
    ]
    try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { worker in
      let driver = Task {
        try await PythonDriver.run(
          taskQueue: queue, calls: [.init(id: "one", activity: "wait", args: [7], maxAttempts: 2, initialInterval: 0.1)])
      }
      try await WorkerHarness.eventually(worker, "the activity runs") { $0.activities.count == 1 }
      let running = try #require(worker.snapshot().activities.first)
      #expect(throws: WorkerCommandError.self) { try worker.send(.cancelActivity(id: "no-such-run/1/1")) }
      try worker.send(.cancelActivity(id: running.id))
      let report = try await driver.value
      let outcome = try #require(report.results["one"])
      #expect(outcome.value == -7, "attempt 2 ran after the operator's cancel")
      #expect(outcome.attempts.first?.lastFailureType == "ActivityCancelledByOperator")
    }
  }
}
