internal import Foundation
internal import Synchronization

/// The executor workflow code runs on, and only on: its jobs wait in a queue
/// until the worker activates the run, then run one after another on the
/// activating thread until none is left (the run is blocked on something
/// only history can bring: an activity result, a timer, a signal).
///
/// Determinism comes from two rules. Jobs run in the order they were
/// enqueued, and they are only enqueued from the activating thread: by a
/// job that is running (a child of `async let` or a task group, a task
/// resumed by another), or by the worker resolving a Gaffer awaitable
/// between drains, in an order fixed by history. Nothing else may wake
/// workflow code: `Task.sleep`, I/O and other executors resume from other
/// threads at times history does not fix, which is why workflow code must
/// not use them — and why a job enqueued from any other thread, or between
/// activations, is counted as stray: the driver fails the task for it.
///
/// Start workflow code with `Task(executorPreference: executor) { … }`;
/// `async let` and task-group children inherit the preference.
final class WorkflowExecutor: TaskExecutor, Sendable {
  private struct State {
    var queue: [UnownedJob] = []
    var activatingThread: pthread_t?
    var strayJobs = 0
  }

  private let state = Mutex(State())

  init() {}

  func enqueue(_ job: consuming ExecutorJob) {
    // An `ExecutorJob` is non-copyable; the queue keeps unowned references,
    // each run exactly once by `runUntilBlocked`.
    let job = UnownedJob(job)
    let current = pthread_self()
    self.state.withLock { state in
      if let owner = state.activatingThread, pthread_equal(owner, current) != 0 {
        // Enqueued by the activation itself: deterministic.
      } else {
        state.strayJobs += 1
      }
      state.queue.append(job)
    }
  }

  /// Jobs waiting to run.
  var pendingJobs: Int { self.state.withLock { $0.queue.count } }

  /// Jobs enqueued from outside an activation since the run began.
  var strayJobs: Int { self.state.withLock { $0.strayJobs } }

  /// The calling thread activates the run until `endActivation`.
  func beginActivation() {
    let current = pthread_self()
    self.state.withLock { $0.activatingThread = current }
  }

  func endActivation() {
    self.state.withLock { $0.activatingThread = nil }
  }

  /// Runs queued jobs, oldest first, until none is left; jobs they enqueue
  /// run in the same call. Returns how many ran.
  @discardableResult
  func runUntilBlocked() -> Int {
    var ran = 0
    while let job = self.state.withLock({ $0.queue.isEmpty ? nil : $0.queue.removeFirst() }) {
      job.runSynchronously(on: self.asUnownedTaskExecutor())
      ran += 1
    }
    return ran
  }
}
