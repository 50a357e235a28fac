internal import TemporalAPI

/// One activity a workflow scheduled, from its ScheduleActivityTask command
/// to the event that resolves it. Events in, resolutions out, no I/O; the
/// coordinator (`WorkflowMachines`) routes events here by scheduled event id.
struct ActivityMachine: Sendable {
  enum Phase: Sendable, Equatable {
    /// The command waits to go out (or, on replay, for its event).
    case commandCreated
    case scheduled
    case started
    /// Resolved for the code; later events of this activity are absorbed.
    case resolved
  }

  let seq: Int
  let activityID: String
  let activityType: String
  let cancellationType: ActivityCancellationType
  private(set) var phase: Phase = .commandCreated
  private(set) var scheduledEventID: Int64 = 0
  private(set) var startedEventID: Int64 = 0
  /// True once RequestCancelActivityTask was produced.
  private(set) var cancelRequested = false

  init(seq: Int, activity: WorkflowCommand.ScheduledActivity) {
    self.seq = seq
    self.activityID = activity.activityID
    self.activityType = activity.activityType
    self.cancellationType = activity.options.cancellationType
  }

  /// What the coordinator must do to cancel it.
  enum CancelAction: Sendable, Equatable {
    /// Already resolved: nothing.
    case none
    /// Never sent: drop the command; resolved as cancelled.
    case dropCommand(ActivityResolution)
    /// Send RequestCancelActivityTask; resolve now if the resolution is set
    /// (try-cancel), else when the server says it ended.
    case requestCancel(scheduledEventID: Int64, resolveNow: ActivityResolution?)
    /// Abandon: resolved as cancelled, nothing is sent.
    case abandon(ActivityResolution)
  }

  mutating func cancel() -> CancelAction {
    switch self.phase {
    case .resolved:
      return .none
    case .commandCreated:
      self.phase = .resolved
      return .dropCommand(.failed(self.cancelledFailure(details: nil)))
    case .scheduled, .started:
      if self.cancelRequested { return .none }
      switch self.cancellationType {
      case .abandon:
        self.phase = .resolved
        return .abandon(.failed(self.cancelledFailure(details: nil)))
      case .tryCancel:
        self.cancelRequested = true
        self.phase = .resolved
        return .requestCancel(
          scheduledEventID: self.scheduledEventID, resolveNow: .failed(self.cancelledFailure(details: nil)))
      case .waitCancellationCompleted:
        self.cancelRequested = true
        return .requestCancel(scheduledEventID: self.scheduledEventID, resolveNow: nil)
      }
    }
  }

  /// The ActivityTaskScheduled event matched this activity's command.
  mutating func scheduled(eventID: Int64) {
    self.scheduledEventID = eventID
    if self.phase == .commandCreated { self.phase = .scheduled }
  }

  /// An event about this activity after it was scheduled; returns the
  /// resolution it brings, if the code still waits for one.
  mutating func handle(_ event: Temporal_Api_History_V1_HistoryEvent) -> ActivityResolution? {
    let resolution: ActivityResolution?
    switch event.attributes {
    case .activityTaskStartedEventAttributes:
      self.startedEventID = event.eventID
      if self.phase == .scheduled { self.phase = .started }
      return nil
    case .activityTaskCompletedEventAttributes(let attributes):
      resolution = .completed(attributes.hasResult ? attributes.result.payloads.first.map(Payload.init) : nil)
    case .activityTaskFailedEventAttributes(let attributes):
      resolution = .failed(
        self.wrapped(
          "Activity task failed", cause: attributes.failure, startedEventID: attributes.startedEventID,
          identity: attributes.identity, retryState: attributes.retryState))
    case .activityTaskTimedOutEventAttributes(let attributes):
      resolution = .failed(
        self.wrapped(
          "Activity task timed out", cause: attributes.failure, startedEventID: attributes.startedEventID,
          identity: "", retryState: attributes.retryState))
    case .activityTaskCanceledEventAttributes(let attributes):
      resolution = .failed(self.cancelledFailure(details: attributes.hasDetails ? attributes.details : nil))
    default:
      return nil
    }
    guard self.phase != .resolved else { return nil }
    self.phase = .resolved
    return resolution
  }

  private func wrapped(
    _ message: String,
    cause: Temporal_Api_Failure_V1_Failure,
    startedEventID: Int64,
    identity: String,
    retryState: Temporal_Api_Enums_V1_RetryState
  ) -> Temporal_Api_Failure_V1_Failure {
    var failure = Temporal_Api_Failure_V1_Failure()
    failure.message = message
    failure.source = FailureConverter.source
    var info = Temporal_Api_Failure_V1_ActivityFailureInfo()
    info.scheduledEventID = self.scheduledEventID
    info.startedEventID = startedEventID
    info.identity = identity
    info.activityType.name = self.activityType
    info.activityID = self.activityID
    info.retryState = retryState
    failure.activityFailureInfo = info
    failure.cause = cause
    return failure
  }

  private func cancelledFailure(details: Temporal_Api_Common_V1_Payloads?) -> Temporal_Api_Failure_V1_Failure {
    var cancelled = Temporal_Api_Failure_V1_Failure()
    cancelled.message = "Activity cancelled"
    cancelled.source = FailureConverter.source
    var info = Temporal_Api_Failure_V1_CanceledFailureInfo()
    if let details { info.details = details }
    cancelled.canceledFailureInfo = info
    return self.wrapped(
      "Activity cancelled", cause: cancelled, startedEventID: self.startedEventID, identity: "",
      retryState: .cancelRequested)
  }
}
