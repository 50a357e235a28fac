public import Foundation

/// What the server said about the activity attempt being run.
public struct ActivityInfo: Hashable, Sendable {
  public var activityID: String
  public var activityType: String
  public var workflowID: String
  public var workflowRunID: String
  public var workflowType: String
  /// The namespace of the workflow that scheduled the activity.
  public var namespace: String
  public var taskQueue: String
  /// Counts from 1.
  public var attempt: Int
  /// When the activity was first scheduled (attempt 1).
  public var scheduledTime: Date?
  /// When this attempt was scheduled.
  public var currentAttemptScheduledTime: Date?
  /// When this attempt started, by the server's clock.
  public var startedTime: Date?
  public var scheduleToCloseTimeout: Duration?
  public var startToCloseTimeout: Duration?
  public var heartbeatTimeout: Duration?

  public init(
    activityID: String, activityType: String, workflowID: String, workflowRunID: String, workflowType: String,
    namespace: String, taskQueue: String, attempt: Int, scheduledTime: Date? = nil,
    currentAttemptScheduledTime: Date? = nil, startedTime: Date? = nil, scheduleToCloseTimeout: Duration? = nil,
    startToCloseTimeout: Duration? = nil, heartbeatTimeout: Duration? = nil
  ) {
    self.activityID = activityID
    self.activityType = activityType
    self.workflowID = workflowID
    self.workflowRunID = workflowRunID
    self.workflowType = workflowType
    self.namespace = namespace
    self.taskQueue = taskQueue
    self.attempt = attempt
    self.scheduledTime = scheduledTime
    self.currentAttemptScheduledTime = currentAttemptScheduledTime
    self.startedTime = startedTime
    self.scheduleToCloseTimeout = scheduleToCloseTimeout
    self.startToCloseTimeout = startToCloseTimeout
    self.heartbeatTimeout = heartbeatTimeout
  }

  /// When the server gives up on this attempt: the earlier of start +
  /// start-to-close and first schedule + schedule-to-close.
  public var deadline: Date? {
    var candidates: [Date] = []
    if let started = self.startedTime, let timeout = self.startToCloseTimeout {
      candidates.append(started.addingTimeInterval(timeout.seconds))
    }
    if let scheduled = self.scheduledTime, let timeout = self.scheduleToCloseTimeout {
      candidates.append(scheduled.addingTimeInterval(timeout.seconds))
    }
    return candidates.min()
  }
}
