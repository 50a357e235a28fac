internal import Foundation
internal import Synchronization

/// A bounded pool of threads for activity bodies that block. Swift's
/// cooperative pool has one thread per core; a body blocking one of them
/// stalls every task behind it, so blocking bodies run here instead and the
/// awaiting task is resumed when they finish. Threads start on demand, up to
/// `maximumThreads`; extra jobs wait in FIFO order.
final class BlockingActivityPool: Sendable {
  typealias Job = @Sendable () -> Void

  private struct State {
    var queue: [Job] = []
    var head = 0
    var threads = 0
    var idle = 0
    var stopped = false
  }

  let maximumThreads: Int
  /// What `top -H`, gdb and /proc call the pool's threads.
  let threadName: String
  private let state = Mutex(State())
  private let condition = NSCondition()

  init(maximumThreads: Int, threadName: String = "gaffer-blocking") {
    precondition(maximumThreads >= 1, "a blocking pool needs at least one thread")
    self.maximumThreads = maximumThreads
    self.threadName = threadName
  }

  /// Runs `body` on a pool thread and returns what it returns. If the
  /// calling task is cancelled while the job still waits for a thread, the
  /// job never starts and this throws `CancellationError` at once: an
  /// attempt cancelled (or abandoned) in the queue must not run in full
  /// later. A job already running gets the cancel through its context.
  func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    let claim = JobClaim<Result>()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        claim.waitWith(continuation)
        self.submit {
          guard let continuation = claim.take() else { return }
          continuation.resume(with: Swift.Result { try body() })
        }
      }
    } onCancel: {
      claim.take()?.resume(throwing: CancellationError())
    }
  }

  private func submit(_ job: @escaping Job) {
    self.condition.lock()
    let startThread = self.state.withLock { state -> Bool in
      precondition(!state.stopped, "a job was submitted to a stopped blocking pool")
      state.queue.append(job)
      if state.idle == 0 && state.threads < self.maximumThreads {
        state.threads += 1
        return true
      }
      return false
    }
    self.condition.signal()
    self.condition.unlock()
    if startThread {
      // Named from inside, by the thread itself: it would otherwise keep its
      // creator's name. Not through `Thread.current.name`, which reaches the
      // kernel only if Foundation has recorded the new thread's handle by
      // then — a race it sometimes loses (a runner thread was seen named
      // after the dispatch thread that started it).
      let thread = Thread { [self] in
        // The kernel's name (what top, perf and /proc show), at most 15 bytes.
        try? self.threadName.write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        self.work()
      }
      thread.start()
    }
  }

  /// Jobs waiting for a thread.
  var queuedJobs: Int { self.state.withLock { $0.queue.count - $0.head } }

  /// Lets the threads exit once the queue is empty.
  func stop() {
    self.condition.lock()
    self.state.withLock { $0.stopped = true }
    self.condition.broadcast()
    self.condition.unlock()
  }

  private func work() {
    while true {
      self.condition.lock()
      var job: Job?
      while true {
        let (next, stopped) = self.state.withLock { state -> (Job?, Bool) in
          guard state.head < state.queue.count else { return (nil, state.stopped) }
          let job = state.queue[state.head]
          state.head += 1
          if state.head > 64 && state.head * 2 > state.queue.count {
            state.queue.removeFirst(state.head)
            state.head = 0
          }
          return (job, false)
        }
        if let next {
          job = next
          break
        }
        if stopped {
          self.state.withLock { $0.threads -= 1 }
          self.condition.unlock()
          return
        }
        self.state.withLock { $0.idle += 1 }
        self.condition.wait()
        self.state.withLock { $0.idle -= 1 }
      }
      self.condition.unlock()
      job?()
    }
  }
}

/// Who gets to resume a queued job's caller: the thread that starts it, or
/// the cancellation that comes first. Exactly one takes the continuation.
private final class JobClaim<Result: Sendable>: Sendable {
  private enum State {
    case submitting
    case waiting(CheckedContinuation<Result, any Error>)
    /// Cancelled before the continuation was stored.
    case cancelledEarly
    case taken
  }

  private let state = Mutex(State.submitting)

  func waitWith(_ continuation: CheckedContinuation<Result, any Error>) {
    let cancelled = self.state.withLock { state -> Bool in
      guard case .cancelledEarly = state else {
        state = .waiting(continuation)
        return false
      }
      state = .taken
      return true
    }
    if cancelled { continuation.resume(throwing: CancellationError()) }
  }

  /// The continuation, to whoever asks first; nil to everyone after.
  func take() -> CheckedContinuation<Result, any Error>? {
    self.state.withLock { state in
      switch state {
      case .submitting:
        state = .cancelledEarly
        return nil
      case .waiting(let continuation):
        state = .taken
        return continuation
      case .cancelledEarly, .taken:
        return nil
      }
    }
  }
}
