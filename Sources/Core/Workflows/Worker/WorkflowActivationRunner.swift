internal import Foundation
internal import Synchronization

/// Runs workflow code — activations, queries, unwinding — on threads of its
/// own, never on Swift's cooperative ones, and gives up on an activation
/// that does not yield within `deadlockTimeout` (2 s, as the Python SDK):
/// the caller fails the workflow task and drops the run. The thread stays
/// with the stuck code until it returns; that is all a runtime can do with
/// code that will not yield.
final class WorkflowActivationRunner: Sendable {
  static let defaultDeadlockTimeout = Duration.seconds(2)

  let deadlockTimeout: Duration
  private let threads: BlockingActivityPool

  init(threads: Int, deadlockTimeout: Duration = WorkflowActivationRunner.defaultDeadlockTimeout) {
    self.threads = BlockingActivityPool(maximumThreads: threads, threadName: "gaffer-workflow")
    self.deadlockTimeout = deadlockTimeout
  }

  /// The error an activation that did not yield in time ends with.
  struct Deadlock: Error, CustomStringConvertible {
    var timeout: Duration
    var description: String {
      "potential deadlock: the workflow's code ran \(self.timeout) without yielding (a blocking call, a busy loop, a lock?); workflow code must only await WorkflowContext's awaitables"
    }
  }

  /// Runs `body` on a runner thread; throws `Deadlock` if it has not
  /// returned `deadlockTimeout` after it started.
  func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    let outcome = FirstOutcome<Result>()
    return try await withCheckedThrowingContinuation { continuation in
      outcome.set(continuation)
      Task {
        do {
          try await self.threads.run {
            let timeout = self.deadlockTimeout
            let watchdog = Task {
              try await Task.sleep(for: timeout)
              outcome.resume(with: .failure(Deadlock(timeout: timeout)))
            }
            let result = Swift.Result { try body() }
            watchdog.cancel()
            outcome.resume(with: result)
          }
        } catch {
          outcome.resume(with: .failure(error))
        }
      }
    }
  }

  func stop() {
    self.threads.stop()
  }
}

/// A continuation resumed once, by whichever outcome comes first.
private final class FirstOutcome<Success: Sendable>: Sendable {
  private let continuation = Mutex<CheckedContinuation<Success, any Error>?>(nil)

  func set(_ continuation: CheckedContinuation<Success, any Error>) {
    self.continuation.withLock { $0 = continuation }
  }

  func resume(with result: Result<Success, any Error>) {
    let continuation = self.continuation.withLock { current in
      defer { current = nil }
      return current
    }
    continuation?.resume(with: result)
  }
}
