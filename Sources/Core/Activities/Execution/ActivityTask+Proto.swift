internal import Foundation
internal import SwiftProtobuf
internal import TemporalAPI

extension ActivityTask {
  /// Nil for an empty poll (no task token): the long poll expired with
  /// nothing to do.
  init?(_ response: Temporal_Api_Workflowservice_V1_PollActivityTaskQueueResponse, taskQueue: String) {
    guard !response.taskToken.isEmpty else { return nil }
    func duration(_ has: Bool, _ value: Google_Protobuf_Duration) -> Duration? {
      guard has else { return nil }
      let duration = value.duration
      return duration > .zero ? duration : nil
    }
    func date(_ has: Bool, _ value: Google_Protobuf_Timestamp) -> Date? {
      has ? value.date : nil
    }
    self.token = response.taskToken
    self.info = ActivityInfo(
      activityID: response.activityID,
      activityType: response.activityType.name,
      workflowID: response.workflowExecution.workflowID,
      workflowRunID: response.workflowExecution.runID,
      workflowType: response.workflowType.name,
      namespace: response.workflowNamespace,
      taskQueue: taskQueue,
      attempt: Int(max(1, response.attempt)),
      scheduledTime: date(response.hasScheduledTime, response.scheduledTime),
      currentAttemptScheduledTime: date(response.hasCurrentAttemptScheduledTime, response.currentAttemptScheduledTime),
      startedTime: date(response.hasStartedTime, response.startedTime),
      scheduleToCloseTimeout: duration(response.hasScheduleToCloseTimeout, response.scheduleToCloseTimeout),
      startToCloseTimeout: duration(response.hasStartToCloseTimeout, response.startToCloseTimeout),
      heartbeatTimeout: duration(response.hasHeartbeatTimeout, response.heartbeatTimeout))
    self.input = response.hasInput ? [Payload](response.input) : []
    self.heartbeatDetails = response.hasHeartbeatDetails ? [Payload](response.heartbeatDetails) : []
  }
}
