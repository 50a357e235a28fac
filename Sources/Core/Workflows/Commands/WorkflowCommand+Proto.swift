internal import SwiftProtobuf
internal import TemporalAPI

extension WorkflowCommand {
  /// The wire command a completion carries.
  var proto: Temporal_Api_Command_V1_Command {
    var command = Temporal_Api_Command_V1_Command()
    switch self {
    case .scheduleActivity(let activity):
      command.commandType = .scheduleActivityTask
      var attributes = Temporal_Api_Command_V1_ScheduleActivityTaskCommandAttributes()
      attributes.activityID = activity.activityID
      attributes.activityType.name = activity.activityType
      attributes.taskQueue.name = activity.taskQueue
      attributes.taskQueue.kind = .normal
      attributes.input = activity.input.proto
      let options = activity.options
      if let timeout = options.scheduleToCloseTimeout {
        attributes.scheduleToCloseTimeout = Google_Protobuf_Duration(timeout)
      }
      if let timeout = options.scheduleToStartTimeout {
        attributes.scheduleToStartTimeout = Google_Protobuf_Duration(timeout)
      }
      if let timeout = options.startToCloseTimeout { attributes.startToCloseTimeout = Google_Protobuf_Duration(timeout) }
      if let timeout = options.heartbeatTimeout { attributes.heartbeatTimeout = Google_Protobuf_Duration(timeout) }
      if let policy = options.retryPolicy { attributes.retryPolicy = policy.proto }
      attributes.requestEagerExecution = activity.requestEagerExecution
      command.scheduleActivityTaskCommandAttributes = attributes
    case .requestCancelActivity(let scheduledEventID):
      command.commandType = .requestCancelActivityTask
      var attributes = Temporal_Api_Command_V1_RequestCancelActivityTaskCommandAttributes()
      attributes.scheduledEventID = scheduledEventID
      command.requestCancelActivityTaskCommandAttributes = attributes
    case .startTimer(let id, let duration):
      command.commandType = .startTimer
      var attributes = Temporal_Api_Command_V1_StartTimerCommandAttributes()
      attributes.timerID = id
      attributes.startToFireTimeout = Google_Protobuf_Duration(duration)
      command.startTimerCommandAttributes = attributes
    case .cancelTimer(let id):
      command.commandType = .cancelTimer
      var attributes = Temporal_Api_Command_V1_CancelTimerCommandAttributes()
      attributes.timerID = id
      command.cancelTimerCommandAttributes = attributes
    case .completeWorkflow(let result):
      command.commandType = .completeWorkflowExecution
      var attributes = Temporal_Api_Command_V1_CompleteWorkflowExecutionCommandAttributes()
      attributes.result = [result].proto
      command.completeWorkflowExecutionCommandAttributes = attributes
    case .failWorkflow(let failure):
      command.commandType = .failWorkflowExecution
      var attributes = Temporal_Api_Command_V1_FailWorkflowExecutionCommandAttributes()
      attributes.failure = failure
      command.failWorkflowExecutionCommandAttributes = attributes
    case .cancelWorkflow:
      command.commandType = .cancelWorkflowExecution
      command.cancelWorkflowExecutionCommandAttributes = .init()
    }
    return command
  }
}

extension RetryPolicy {
  var proto: Temporal_Api_Common_V1_RetryPolicy {
    var policy = Temporal_Api_Common_V1_RetryPolicy()
    if let interval = self.initialInterval { policy.initialInterval = Google_Protobuf_Duration(interval) }
    if let coefficient = self.backoffCoefficient { policy.backoffCoefficient = coefficient }
    if let interval = self.maximumInterval { policy.maximumInterval = Google_Protobuf_Duration(interval) }
    if let attempts = self.maximumAttempts { policy.maximumAttempts = Int32(clamping: attempts) }
    policy.nonRetryableErrorTypes = self.nonRetryableErrorTypes
    return policy
  }
}
