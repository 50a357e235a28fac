internal import Synchronization

/// A resizable pool of task slots. A poller takes a permit *before* it long
/// polls and hands task and permit on together, so the worker never holds a
/// task it has no room to run.
final class SlotPool: Sendable {
  private struct Inner: Sendable {
    var state: SlotPoolState<UInt64>
    var continuations: [UInt64: CheckedContinuation<Void, any Error>] = [:]
    var nextWaiter: UInt64 = 0
  }

  private let inner: Mutex<Inner>

  init(maximum: Int) {
    self.inner = Mutex(Inner(state: SlotPoolState(maximum: maximum)))
  }

  struct Usage: Equatable, Sendable {
    /// Permits out, reserved or running.
    var used: Int
    /// Permits a task runs in.
    var running = 0
    var maximum: Int
    var waiting: Int

    var reserved: Int { self.used - self.running }
  }

  var usage: Usage {
    self.inner.withLock {
      Usage(used: $0.state.used, running: $0.state.running, maximum: $0.state.maximum, waiting: $0.state.waiting)
    }
  }

  /// Waits for a free slot. Throws `CancellationError` if the task is
  /// cancelled first; then no slot is held.
  func acquire() async throws -> SlotPermit {
    let waiter = self.inner.withLock { inner -> UInt64 in
      inner.nextWaiter += 1
      return inner.nextWaiter
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        enum Outcome { case granted, waiting, cancelled }
        // The cancellation handler takes the same lock, so either it runs
        // first and the flag is already set here, or it finds the waiter
        // queued below and resumes it: exactly one resume either way.
        let outcome = self.inner.withLock { inner -> Outcome in
          if Task.isCancelled { return .cancelled }
          switch inner.state.acquireRequested(by: waiter) {
          case .granted:
            return .granted
          case .wait:
            inner.continuations[waiter] = continuation
            return .waiting
          }
        }
        switch outcome {
        case .granted: continuation.resume()
        case .cancelled: continuation.resume(throwing: CancellationError())
        case .waiting: break
        }
      }
    } onCancel: {
      let continuation = self.inner.withLock { inner -> CheckedContinuation<Void, any Error>? in
        guard inner.state.acquireCancelled(by: waiter) else { return nil }
        return inner.continuations.removeValue(forKey: waiter)
      }
      continuation?.resume(throwing: CancellationError())
    }
    return SlotPermit(pool: self)
  }

  /// A free slot now, or nil when every slot is out or others wait for one.
  func acquireIfFree() -> SlotPermit? {
    self.inner.withLock { $0.state.acquireIfFree() } ? SlotPermit(pool: self) : nil
  }

  /// Changes the target. Growing admits waiters at once; shrinking lets
  /// running work finish and converges as permits come back.
  func resize(to maximum: Int) {
    let admitted = self.inner.withLock { inner in
      inner.state.resized(to: maximum).compactMap { inner.continuations.removeValue(forKey: $0) }
    }
    for continuation in admitted { continuation.resume() }
  }

  fileprivate func markUsed() {
    self.inner.withLock { $0.state.permitMarkedUsed() }
  }

  fileprivate func release(wasRunning: Bool) {
    let next = self.inner.withLock { inner in
      inner.state.permitReleased(wasRunning: wasRunning).flatMap { inner.continuations.removeValue(forKey: $0) }
    }
    next?.resume()
  }
}

/// One held slot, released exactly once: by `release()`, or when the last
/// reference goes away if its holder never called it.
///
/// A class rather than a non-copyable struct: the permit travels with its
/// activity task from the poller into the task that runs it, and escaping
/// closures cannot take ownership of non-copyable values.
final class SlotPermit: Sendable {
  private let pool: SlotPool
  private let released = Atomic<Bool>(false)
  private let running = Atomic<Bool>(false)

  fileprivate init(pool: SlotPool) {
    self.pool = pool
  }

  /// The poll this permit was reserved for brought a task: count it as
  /// running from now on. Only the permit's one holder calls it, once.
  func markUsed() {
    let (exchanged, _) = self.running.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
    if exchanged { self.pool.markUsed() }
  }

  func release() {
    let (exchanged, _) = self.released.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
    if exchanged { self.pool.release(wasRunning: self.running.load(ordering: .acquiring)) }
  }

  deinit {
    self.release()
  }
}
