/// How a workflow schedules one activity. The server needs start-to-close
/// or schedule-to-close; `startToCloseTimeout` defaults to 10 s when neither
/// is set, so a call without options is valid.
public struct ActivityOptions: Hashable, Sendable {
  /// The queue the activity runs on; nil is the workflow's own task queue.
  public var taskQueue: String?
  public var scheduleToCloseTimeout: Duration?
  public var scheduleToStartTimeout: Duration?
  public var startToCloseTimeout: Duration?
  public var heartbeatTimeout: Duration?
  public var retryPolicy: RetryPolicy?
  /// Nil: the activity's sequence number in this run ("1", "2", …), as the
  /// official SDKs number them.
  public var activityID: String?
  public var cancellationType: ActivityCancellationType

  public init(
    taskQueue: String? = nil,
    scheduleToCloseTimeout: Duration? = nil,
    scheduleToStartTimeout: Duration? = nil,
    startToCloseTimeout: Duration? = nil,
    heartbeatTimeout: Duration? = nil,
    retryPolicy: RetryPolicy? = nil,
    activityID: String? = nil,
    cancellationType: ActivityCancellationType = .tryCancel
  ) {
    self.taskQueue = taskQueue
    self.scheduleToCloseTimeout = scheduleToCloseTimeout
    self.scheduleToStartTimeout = scheduleToStartTimeout
    self.startToCloseTimeout = startToCloseTimeout
    self.heartbeatTimeout = heartbeatTimeout
    self.retryPolicy = retryPolicy
    self.activityID = activityID
    self.cancellationType = cancellationType
  }

  /// The default start-to-close timeout when no close timeout is given.
  public static let defaultStartToCloseTimeout: Duration = .seconds(10)
}

/// What cancelling an awaited activity waits for (the official SDKs' three).
public enum ActivityCancellationType: Hashable, Sendable {
  /// Ask the server to cancel it and throw at once.
  case tryCancel
  /// Ask the server to cancel it and throw once the activity reports it
  /// was cancelled (or ends some other way).
  case waitCancellationCompleted
  /// Throw at once and ask nothing: the activity runs on, its result unseen.
  case abandon
}
