internal import Synchronization

/// A value that is set once and can be awaited by any number of tasks:
/// cancellation of an attempt, the start of worker shutdown. Waiting is
/// cancellation-safe: a cancelled waiter gets `CancellationError` and leaves
/// no continuation behind.
final class OnceSignal<Value: Sendable>: Sendable {
  private struct State {
    var value: Value?
    var waiters: [UInt64: CheckedContinuation<Value, any Error>] = [:]
    var nextWaiter: UInt64 = 0
  }

  private let state = Mutex(State())

  private enum WaitStart {
    case value(Value)
    case cancelled
    case waiting
  }

  init() {}

  var value: Value? { self.state.withLock { $0.value } }

  /// Sets the value if none is set yet and wakes every waiter. Returns false
  /// (and changes nothing) if a value was already set.
  @discardableResult
  func fire(_ value: Value) -> Bool {
    let waiters = self.state.withLock { state -> [CheckedContinuation<Value, any Error>]? in
      guard state.value == nil else { return nil }
      state.value = value
      defer { state.waiters = [:] }
      return Array(state.waiters.values)
    }
    guard let waiters else { return false }
    for waiter in waiters { waiter.resume(returning: value) }
    return true
  }

  func wait() async throws -> Value {
    let id = self.state.withLock { state -> UInt64 in
      state.nextWaiter += 1
      return state.nextWaiter
    }
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
        let now = self.state.withLock { state -> WaitStart in
          if let value = state.value { return .value(value) }
          if Task.isCancelled { return .cancelled }
          state.waiters[id] = continuation
          return .waiting
        }
        switch now {
        case .value(let value): continuation.resume(returning: value)
        case .cancelled: continuation.resume(throwing: CancellationError())
        case .waiting: break
        }
      }
    } onCancel: {
      let waiter = self.state.withLock { $0.waiters.removeValue(forKey: id) }
      waiter?.resume(throwing: CancellationError())
    }
  }
}
