internal import Synchronization

/// An activity body running in a task of its own, so the worker can stop
/// waiting for one that ignores cancellation: at the attempt's deadline the
/// worker abandons it (logs it, shows its slot as stuck) instead of hanging
/// its drain forever on a task it cannot stop.
final class ActivityBodyRun: Sendable {
  private enum Phase {
    case running
    case returned
    /// Abandoned; runs the closure if the body returns after all.
    case abandoned(onReturn: @Sendable () -> Void)
  }

  private let phase = Mutex<Phase>(.running)
  private let task = Mutex<Task<Void, Never>?>(nil)
  private let ended = OnceSignal<Result<Payload, any Error>>()

  private init() {}

  static func start(_ body: @escaping @Sendable () async throws -> Payload) -> ActivityBodyRun {
    let run = ActivityBodyRun()
    // Unstructured on purpose (see the type's comment); it inherits the
    // caller's task-locals and priority.
    let task = Task {
      let result: Result<Payload, any Error>
      do {
        result = .success(try await body())
      } catch {
        result = .failure(error)
      }
      run.bodyReturned(result)
    }
    run.task.withLock { $0 = task }
    return run
  }

  /// Delivers cancellation to the body (Swift task cancellation).
  func cancel() {
    self.task.withLock { $0 }?.cancel()
  }

  /// The body's result. Cancelling the waiter ends the wait, not the body.
  func result() async throws -> Result<Payload, any Error> {
    try await self.ended.wait()
  }

  /// Stops waiting for the body. Returns false, changing nothing, if it has
  /// already returned; otherwise `onReturn` runs if it ever does.
  func abandon(onReturn: @escaping @Sendable () -> Void) -> Bool {
    self.phase.withLock { phase in
      guard case .running = phase else { return false }
      phase = .abandoned(onReturn: onReturn)
      return true
    }
  }

  private func bodyReturned(_ result: Result<Payload, any Error>) {
    let late = self.phase.withLock { phase -> (@Sendable () -> Void)? in
      if case .abandoned(let onReturn) = phase { return onReturn }
      phase = .returned
      return nil
    }
    self.ended.fire(result)
    late?()
  }
}
