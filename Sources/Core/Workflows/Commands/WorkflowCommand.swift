internal import TemporalAPI

/// A command the workflow's code produced, in our own terms; it becomes a
/// wire `Command` only when a completion goes out, and is matched against
/// history's command events when the run replays.
enum WorkflowCommand: Sendable, Equatable {
  case scheduleActivity(ScheduledActivity)
  case requestCancelActivity(scheduledEventID: Int64)
  case startTimer(id: String, duration: Duration)
  case cancelTimer(id: String)
  case completeWorkflow(result: Payload)
  case failWorkflow(Temporal_Api_Failure_V1_Failure)
  case cancelWorkflow

  struct ScheduledActivity: Sendable, Equatable {
    var activityID: String
    var activityType: String
    var taskQueue: String
    var input: [Payload]
    var options: ActivityOptions
    /// Set on the completion (never matched on replay): the server is asked
    /// to hand the activity straight back to this worker.
    var requestEagerExecution = false
  }

  /// Completing, failing or cancelling the workflow: sent after every other
  /// command of the task, whatever order the code produced them in.
  var isTerminal: Bool {
    switch self {
    case .completeWorkflow, .failWorkflow, .cancelWorkflow: true
    case .scheduleActivity, .requestCancelActivity, .startTimer, .cancelTimer: false
    }
  }

  /// What a nondeterminism message calls this command.
  var summary: String {
    switch self {
    case .scheduleActivity(let activity):
      "ScheduleActivityTask (activity id \(activity.activityID), type \(activity.activityType))"
    case .requestCancelActivity(let scheduledEventID):
      "RequestCancelActivityTask (scheduled event \(scheduledEventID))"
    case .startTimer(let id, let duration): "StartTimer (timer id \(id), \(duration))"
    case .cancelTimer(let id): "CancelTimer (timer id \(id))"
    case .completeWorkflow: "CompleteWorkflowExecution"
    case .failWorkflow: "FailWorkflowExecution"
    case .cancelWorkflow: "CancelWorkflowExecution"
    }
  }
}
