/// What the console, a signal handler or a program can tell a running
/// worker to do. Commands take effect without waiting: `Worker.send` only
/// updates state and wakes whoever acts on it.
public enum WorkerCommand: Hashable, Sendable {
  /// Stop issuing polls; running activities go on.
  case pause
  /// Start polling again.
  case resume
  /// Change the activity slot limit. Growing takes effect at once; shrinking
  /// never cancels running work and converges as activities finish.
  case setMaxConcurrentActivities(Int)
  /// Change how many activity long polls run at once.
  case setActivityPollers(Int)
  /// Stop polling, let running activities finish within the grace period,
  /// then cancel the rest. A second one acts like `forceShutdown`.
  case beginGracefulShutdown
  /// Skip the rest of the grace period: cancel what still runs now.
  case forceShutdown
  /// Cancel one in-flight activity by its `InFlightActivity.id`.
  case cancelActivity(id: String)
  /// Stop issuing workflow-task polls only; activities go on being polled.
  /// Workflow tasks in flight finish.
  case pauseWorkflowPolling
  /// Start polling workflow tasks again.
  case resumeWorkflowPolling
  /// Change the workflow-task slot limit; shrinking never cuts a task off.
  case setMaxConcurrentWorkflowTasks(Int)
}
