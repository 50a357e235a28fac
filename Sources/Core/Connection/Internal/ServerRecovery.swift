internal import Synchronization

/// Lets whoever backs off after "server unreachable" resume as soon as the
/// server answers again, instead of sleeping out a backoff step that grew
/// during the outage. Any successful call counts as an answer; while
/// somebody waits, the connection also probes (see
/// `TemporalConnection.probeWhileWaiting`), so recovery is noticed even
/// when every caller is asleep.
final class ServerRecovery: Sendable {
  private struct State {
    var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    var nextWaiter: UInt64 = 0
    var probeWanted: CheckedContinuation<Void, Never>?
  }

  private let state = Mutex(State())
  /// Checked without the lock on every successful call: almost always false.
  private let hasWaiters = Atomic<Bool>(false)

  init() {}

  /// A call succeeded: wake everybody backing off.
  func serverAnswered() {
    guard self.hasWaiters.load(ordering: .relaxed) else { return }
    let waiters = self.state.withLock { state in
      let waiters = Array(state.waiters.values)
      state.waiters = [:]
      self.hasWaiters.store(false, ordering: .relaxed)
      return waiters
    }
    for waiter in waiters { waiter.resume() }
  }

  var isWaiting: Bool { self.hasWaiters.load(ordering: .relaxed) }

  /// Sleeps for `delay`, or less if the server answers a call first.
  /// Throws `CancellationError` if the task is cancelled.
  func sleep(upTo delay: Duration) async throws {
    try await withThrowingTaskGroup(of: Void.self) { race in
      race.addTask { try await Task.sleep(for: delay) }
      race.addTask { try await self.waitForAnswer() }
      defer { race.cancelAll() }
      try await race.next()
    }
  }

  private func waitForAnswer() async throws {
    let id = self.state.withLock { state -> UInt64 in
      state.nextWaiter += 1
      return state.nextWaiter
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let (registered, prober) = self.state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
          if Task.isCancelled { return (false, nil) }
          state.waiters[id] = continuation
          self.hasWaiters.store(true, ordering: .relaxed)
          defer { state.probeWanted = nil }
          return (true, state.probeWanted)
        }
        if !registered { continuation.resume() }
        prober?.resume()
      }
    } onCancel: {
      let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
        let waiter = state.waiters.removeValue(forKey: id)
        if state.waiters.isEmpty { self.hasWaiters.store(false, ordering: .relaxed) }
        return waiter
      }
      waiter?.resume()
    }
    try Task.checkCancellation()
  }

  /// Returns once somebody is waiting for the server (at once if somebody
  /// already is), for the prober. Cancellation returns too.
  func waitUntilWanted() async {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let now = self.state.withLock { state -> Bool in
          if Task.isCancelled || !state.waiters.isEmpty { return true }
          state.probeWanted = continuation
          return false
        }
        if now { continuation.resume() }
      }
    } onCancel: {
      let prober = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
        defer { state.probeWanted = nil }
        return state.probeWanted
      }
      prober?.resume()
    }
  }
}
