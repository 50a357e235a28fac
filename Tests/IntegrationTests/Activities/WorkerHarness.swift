import Foundation
@testable import GafferCore
import Synchronization
import Testing

/// Runs a real Gaffer worker against the dev server for the length of a test.
enum WorkerHarness {
  /// Connects, starts `worker.run()` beside `body`, then drains the worker
  /// and waits for `run()` to return, whatever `body` did.
  static func withWorker<Result: Sendable>(
    taskQueue: String,
    activities: [Activity],
    workflows: [Workflow] = [],
    options: WorkerOptions = WorkerOptions(),
    _ body: @Sendable (Worker) async throws -> Result
  ) async throws -> Result {
    try await TemporalConnection.withConnection(try TestServer.options()) { connection in
      let worker = try Worker(
        connection: connection, taskQueue: taskQueue, activities: activities, workflows: workflows, options: options)
      return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await worker.run() }
        let result: Swift.Result<Result, any Error>
        do {
          result = .success(try await body(worker))
        } catch {
          result = .failure(error)
        }
        if case .failure = result { worker.forceShutdown() } else { worker.beginGracefulShutdown() }
        try await group.waitForAll()
        return try result.get()
      }
    }
  }

  /// Runs a worker until `inFlight` activities are running, begins a
  /// graceful shutdown, waits for `run()` to return and gives the final
  /// snapshot. `shutdownBegan` sees the snapshot right after the request.
  static func drain(
    taskQueue: String,
    activities: [Activity],
    options: WorkerOptions,
    inFlight: Int,
    shutdownBegan: @Sendable (WorkerSnapshot) -> Void = { _ in }
  ) async throws -> WorkerSnapshot {
    try await TemporalConnection.withConnection(try TestServer.options()) { connection in
      let worker = try Worker(connection: connection, taskQueue: taskQueue, activities: activities, options: options)
      try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await worker.run() }
        try await Self.eventually(worker, "\(inFlight) in flight") { $0.activities.count == inFlight }
        worker.beginGracefulShutdown()
        shutdownBegan(worker.snapshot())
        try await group.waitForAll()
      }
      return worker.snapshot()
    }
  }

  /// Looks at the worker's snapshot until `condition` holds. Synchronises on
  /// the worker's own state; the bound only keeps a broken test from hanging.
  static func eventually(
    _ worker: Worker, _ what: Comment, within bound: Duration = .seconds(60),
    _ condition: (WorkerSnapshot) -> Bool
  ) async throws {
    let clock = ContinuousClock()
    let end = clock.now + bound
    while !condition(worker.snapshot()) {
      if clock.now > end {
        Issue.record("never happened: \(what)")
        throw CancellationError()
      }
      try await Task.sleep(for: .milliseconds(20))
    }
  }
}

/// What activity bodies saw, collected for assertions.
final class Observations<Value: Sendable>: Sendable {
  private let values = Mutex<[Value]>([])

  func append(_ value: Value) { self.values.withLock { $0.append(value) } }

  var all: [Value] { self.values.withLock { $0 } }
}
