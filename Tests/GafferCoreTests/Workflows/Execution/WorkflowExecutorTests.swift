import Foundation
@testable import GafferCore
import Synchronization
import Testing

/// The executor's determinism: the same activation sequence gives the same
/// trace of what workflow code did, run after run, with `async let` and
/// task groups; and only the order the worker resolves awaitables in (which
/// history fixes) changes it.
@Suite("Deterministic workflow executor")
struct WorkflowExecutorTests {
  final class Trace: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { self.lines.withLock { $0.append(line) } }
    var all: [String] { self.lines.withLock { $0 } }
  }

  /// A workflow-shaped body: an `async let`, a task group of five children
  /// and a final await, every wait on an awaitable the driver resolves.
  static func start(on executor: WorkflowExecutor, signals: [DeterministicSignal<Int>], trace: Trace) {
    // Owned by the executor: it runs only inside runUntilBlocked and ends
    // when its awaitables are all resolved; the test checks it got there.
    Task(executorPreference: executor) {
      trace.append("start")
      async let first = signals[0].wait()
      let sum = await withTaskGroup(of: Int.self) { group -> Int in
        for index in 1...5 {
          group.addTask {
            trace.append("child \(index) waits")
            let value = await signals[index].wait()
            trace.append("child \(index) got \(value)")
            return value
          }
        }
        var sum = 0
        for await value in group {
          trace.append("group gave \(value)")
          sum += value
        }
        return sum
      }
      trace.append("group sum \(sum)")
      let value = await first
      trace.append("first \(value)")
      await signals[6].wait()
      trace.append("end")
    }
  }

  /// One activation sequence, driven on a thread of its own (not a Swift
  /// task), as the worker drives a run: start, drain, then resolve one
  /// awaitable at a time in `order`, draining after each.
  static func run(resolving order: [Int]) -> (trace: [String], pendingAtEnd: Int) {
    let executor = WorkflowExecutor()
    let trace = Trace()
    let signals = (0...6).map { _ in DeterministicSignal<Int>() }
    Self.start(on: executor, signals: signals, trace: trace)
    executor.runUntilBlocked()
    for index in order {
      signals[index].resolve(index * 10)
      executor.runUntilBlocked()
    }
    return (trace.all, executor.pendingJobs)
  }

  static func onDriverThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      let thread = Thread { continuation.resume(returning: body()) }
      thread.start()
    }
  }

  static let order = [3, 0, 5, 1, 4, 2, 6]

  @Test("1,000 runs of one activation sequence give one trace, and the workflow runs to its end")
  func sameSequenceSameTrace() async {
    let traces = await Self.onDriverThread { (0..<1000).map { _ in Self.run(resolving: Self.order) } }
    let first = traces[0]
    #expect(first.trace.first == "start")
    #expect(first.trace.last == "end", "the body ran to its end: \(first.trace)")
    #expect(first.pendingAtEnd == 0)
    #expect(first.trace.contains("group sum 150"))
    let distinct = Set(traces.map(\.trace))
    #expect(distinct.count == 1, "\(distinct.count) different traces in 1,000 runs")
  }

  @Test("each drain runs the jobs that one resolution made runnable: the counts are the same every run")
  func jobsPerDrain() async {
    let counts = await Self.onDriverThread { () -> [[Int]] in
      (0..<100).map { _ in
        let executor = WorkflowExecutor()
        let trace = Trace()
        let signals = (0...6).map { _ in DeterministicSignal<Int>() }
        Self.start(on: executor, signals: signals, trace: trace)
        var counts = [executor.runUntilBlocked()]
        for index in Self.order {
          signals[index].resolve(index * 10)
          counts.append(executor.runUntilBlocked())
        }
        return counts
      }
    }
    #expect(Set(counts).count == 1, "jobs per drain differ between runs: \(Set(counts))")
    #expect(counts[0].allSatisfy { $0 >= 1 }, "every activation ran something: \(counts[0])")
  }

  @Test("children run in the order the driver resolves their awaitables")
  func resolutionOrderDecides() async {
    let (trace, _) = await Self.onDriverThread { Self.run(resolving: Self.order) }
    let got = trace.filter { $0.hasPrefix("child") && $0.contains("got") }
    #expect(got == ["child 3 got 30", "child 5 got 50", "child 1 got 10", "child 4 got 40", "child 2 got 20"])
    let other = await Self.onDriverThread { Self.run(resolving: [1, 2, 3, 4, 5, 0, 6]).trace }
    #expect(other.filter { $0.hasPrefix("child") && $0.contains("got") }.first == "child 1 got 10")
  }

  @Test("between activations nothing runs: jobs wait until the worker drains them")
  func nothingRunsBetweenDrains() async {
    let (pendingBefore, traceBefore, pendingAfter, traceAfter) = await Self.onDriverThread {
      let executor = WorkflowExecutor()
      let trace = Trace()
      let signals = (0...6).map { _ in DeterministicSignal<Int>() }
      Self.start(on: executor, signals: signals, trace: trace)
      executor.runUntilBlocked()
      signals[3].resolve(30)
      let pendingBefore = executor.pendingJobs
      let traceBefore = trace.all
      executor.runUntilBlocked()
      return (pendingBefore, traceBefore, executor.pendingJobs, trace.all)
    }
    #expect(pendingBefore >= 1, "resolving queued the waiter's job instead of running it")
    #expect(!traceBefore.contains("child 3 got 30"))
    #expect(pendingAfter == 0)
    #expect(traceAfter.contains("child 3 got 30"))
  }
}
