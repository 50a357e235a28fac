public import Foundation

/// One activity attempt the worker is running, as a snapshot shows it.
public struct InFlightActivity: Hashable, Sendable, Codable, Identifiable {
  /// `<workflow run id>/<activity id>/<attempt>`: what `WorkerCommand.cancelActivity` takes.
  public var id: String
  public var activityID: String
  public var activityType: String
  public var workflowID: String
  public var workflowRunID: String
  public var workflowType: String
  public var attempt: Int
  /// When this worker started running it.
  public var startedAt: Date
  /// When the server gives up on this attempt, if it has a deadline.
  public var deadline: Date?
  public var startToCloseTimeout: Duration?
  public var heartbeatTimeout: Duration?
  public var heartbeat: Heartbeat
  /// Set once the attempt has been asked to stop.
  public var cancellation: ActivityCancellationReason?
  public var cancelRequestedAt: Date?
  /// Set when the body ignored its cancellation past the deadline and the
  /// worker stopped waiting for it: it still holds its slot (stuck).
  public var abandonedAt: Date?

  public struct Heartbeat: Hashable, Sendable, Codable {
    /// How many times the body called `heartbeat`.
    public var count: Int
    public var lastRecordedAt: Date?
    public var lastSentAt: Date?
    /// When the server last answered a heartbeat of this attempt.
    public var lastAcknowledgedAt: Date?
    /// The details of the most recent `heartbeat` call.
    public var lastDetails: [Payload]?
    /// Details recorded inside the throttle window, not sent yet.
    public var pendingDetails: [Payload]?
    public var health: HeartbeatHealth

    public init(
      count: Int,
      lastRecordedAt: Date?,
      lastSentAt: Date?,
      lastAcknowledgedAt: Date?,
      lastDetails: [Payload]?,
      pendingDetails: [Payload]?,
      health: HeartbeatHealth
    ) {
      self.count = count
      self.lastRecordedAt = lastRecordedAt
      self.lastSentAt = lastSentAt
      self.lastAcknowledgedAt = lastAcknowledgedAt
      self.lastDetails = lastDetails
      self.pendingDetails = pendingDetails
      self.health = health
    }
  }

  public init(
    id: String,
    activityID: String,
    activityType: String,
    workflowID: String,
    workflowRunID: String,
    workflowType: String,
    attempt: Int,
    startedAt: Date,
    deadline: Date?,
    startToCloseTimeout: Duration?,
    heartbeatTimeout: Duration?,
    heartbeat: Heartbeat,
    cancellation: ActivityCancellationReason? = nil,
    cancelRequestedAt: Date? = nil,
    abandonedAt: Date? = nil
  ) {
    self.id = id
    self.activityID = activityID
    self.activityType = activityType
    self.workflowID = workflowID
    self.workflowRunID = workflowRunID
    self.workflowType = workflowType
    self.attempt = attempt
    self.startedAt = startedAt
    self.deadline = deadline
    self.startToCloseTimeout = startToCloseTimeout
    self.heartbeatTimeout = heartbeatTimeout
    self.heartbeat = heartbeat
    self.cancellation = cancellation
    self.cancelRequestedAt = cancelRequestedAt
    self.abandonedAt = abandonedAt
  }
}

/// How an attempt's heartbeats stand against its heartbeat timeout.
public enum HeartbeatHealth: String, Hashable, Sendable, Codable {
  /// No heartbeat timeout: the server does not expect heartbeats.
  case notRequired = "not required"
  /// Heard from within the throttle window.
  case ok
  /// Past the throttle window: a heartbeat should arrive soon.
  case due
  /// Past the heartbeat timeout: the server times the attempt out.
  case late

  init(timeout: Duration?, throttleInterval: Duration, sinceLastHeard: Duration) {
    guard let timeout, timeout > .zero else {
      self = .notRequired
      return
    }
    if sinceLastHeard >= timeout {
      self = .late
    } else if sinceLastHeard >= throttleInterval {
      self = .due
    } else {
      self = .ok
    }
  }
}
