@testable import GafferCore

/// Waits until the worker's snapshot satisfies `condition`; throws after `limit`.
func waitUntil(
  _ worker: Worker, _ what: String, within limit: Duration = .seconds(20),
  _ condition: (WorkerSnapshot) -> Bool
) async throws {
  let deadline = ContinuousClock.now + limit
  while !condition(worker.snapshot()) {
    guard ContinuousClock.now < deadline else { throw TestTimeout("\(what) (waited \(limit))") }
    try await Task.sleep(for: .milliseconds(5))
  }
}

/// Starts `run()` in a task of its own, for tests that steer the worker
/// while it runs.
func start(_ worker: Worker) -> Task<Void, any Error> {
  Task { try await worker.run() }
}
