internal import Synchronization

/// A value workflow code awaits and only the worker sets, between drains
/// of the run's `WorkflowExecutor`: the shape of every Gaffer awaitable
/// (an activity's result, a timer firing, a signal). Resuming a waiter
/// enqueues its job on the workflow's executor, so waiters run in the order
/// they are resumed, which the worker takes from history.
final class DeterministicSignal<Value: Sendable>: Sendable {
  private struct State {
    var value: Value?
    var waiters: [CheckedContinuation<Value, Never>] = []
  }

  private let state = Mutex(State())

  init() {}

  /// Waits until `resolve` is called; at once if it was.
  @discardableResult
  func wait() async -> Value {
    await withCheckedContinuation { continuation in
      let now = self.state.withLock { state -> Value? in
        if let value = state.value { return value }
        state.waiters.append(continuation)
        return nil
      }
      if let now { continuation.resume(returning: now) }
    }
  }

  /// Sets the value and resumes the waiters, first come first resumed.
  /// A second call is a bug in the worker's bookkeeping.
  func resolve(_ value: Value) {
    let waiters = self.state.withLock { state -> [CheckedContinuation<Value, Never>] in
      precondition(state.value == nil, "a workflow awaitable was resolved twice")
      state.value = value
      defer { state.waiters = [] }
      return state.waiters
    }
    for waiter in waiters { waiter.resume(returning: value) }
  }
}
