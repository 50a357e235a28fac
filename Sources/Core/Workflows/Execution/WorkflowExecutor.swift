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
/// not use them.
///
/// Start workflow code with `Task(executorPreference: executor) { … }`;
/// `async let` and task-group children inherit the preference.
final class WorkflowExecutor: TaskExecutor, Sendable {
  private let queue = Mutex<[UnownedJob]>([])

  init() {}

  func enqueue(_ job: consuming ExecutorJob) {
    // An `ExecutorJob` is non-copyable; the queue keeps unowned references,
    // each run exactly once by `runUntilBlocked`.
    let job = UnownedJob(job)
    self.queue.withLock { $0.append(job) }
  }

  /// Jobs waiting to run.
  var pendingJobs: Int { self.queue.withLock { $0.count } }

  /// Runs queued jobs, oldest first, until none is left; jobs they enqueue
  /// run in the same call. Returns how many ran.
  @discardableResult
  func runUntilBlocked() -> Int {
    var ran = 0
    while let job = self.queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
      job.runSynchronously(on: self.asUnownedTaskExecutor())
      ran += 1
    }
    return ran
  }
}
