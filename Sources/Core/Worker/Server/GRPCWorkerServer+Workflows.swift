internal import Foundation
internal import SwiftProtobuf
internal import TemporalAPI

extension GRPCWorkerServer: WorkflowTaskServer {
  var takesSDKMetadata: Bool { self.connection.serverInfo.capabilities.sdkMetadata }

  func pollWorkflowTask(_ poll: WorkflowTaskPoll) async throws -> WorkflowTask? {
    var request = Temporal_Api_Workflowservice_V1_PollWorkflowTaskQueueRequest()
    request.namespace = self.namespace
    if let sticky = poll.stickyQueue {
      request.taskQueue.name = sticky
      request.taskQueue.kind = .sticky
      request.taskQueue.normalName = poll.taskQueue
    } else {
      request.taskQueue.name = poll.taskQueue
      request.taskQueue.kind = .normal
    }
    request.identity = self.identity
    request.workerInstanceKey = poll.workerInstanceKey
    let response = try await self.connection.unary(
      WorkflowServiceMethod.PollWorkflowTaskQueue.self, request, timeout: poll.timeout, retrying: false, longPoll: true)
    return WorkflowTask(response)
  }

  func completeWorkflowTask(_ completion: WorkflowTaskCompletion) async throws -> [ActivityTask] {
    var request = Temporal_Api_Workflowservice_V1_RespondWorkflowTaskCompletedRequest()
    request.taskToken = completion.token
    request.commands = completion.commands.map(\.proto)
    request.identity = self.identity
    request.namespace = self.namespace
    request.workerInstanceKey = completion.workerInstanceKey
    if let sticky = completion.stickyQueue {
      request.stickyAttributes.workerTaskQueue.name = sticky
      request.stickyAttributes.workerTaskQueue.kind = .sticky
      request.stickyAttributes.workerTaskQueue.normalName = ""
      request.stickyAttributes.scheduleToStartTimeout = Google_Protobuf_Duration(completion.stickyScheduleToStartTimeout)
    }
    for (id, answer) in completion.queryAnswers {
      var result = Temporal_Api_Query_V1_WorkflowQueryResult()
      switch answer {
      case .answered(let payload):
        result.resultType = .answered
        result.answer = [payload].proto
      case .failed(let message):
        result.resultType = .failed
        result.errorMessage = message
      }
      request.queryResults[id] = result
    }
    if let name = completion.sdkName { request.sdkMetadata.sdkName = name }
    if let version = completion.sdkVersion { request.sdkMetadata.sdkVersion = version }
    let response = try await self.connection.unary(
      WorkflowServiceMethod.RespondWorkflowTaskCompleted.self, request, retrying: false)
    return response.activityTasks.compactMap { ActivityTask($0, taskQueue: completion.taskQueue) }
  }

  func failWorkflowTask(
    token: Data, cause: Temporal_Api_Enums_V1_WorkflowTaskFailedCause, failure: Temporal_Api_Failure_V1_Failure
  ) async throws {
    var request = Temporal_Api_Workflowservice_V1_RespondWorkflowTaskFailedRequest()
    request.taskToken = token
    request.cause = cause
    request.failure = failure
    request.identity = self.identity
    request.namespace = self.namespace
    _ = try await self.connection.unary(WorkflowServiceMethod.RespondWorkflowTaskFailed.self, request, retrying: false)
  }

  func workflowHistory(workflowID: String, runID: String, pageToken: Data) async throws
    -> (events: [Temporal_Api_History_V1_HistoryEvent], nextPageToken: Data)
  {
    var request = Temporal_Api_Workflowservice_V1_GetWorkflowExecutionHistoryRequest()
    request.namespace = self.namespace
    request.execution.workflowID = workflowID
    request.execution.runID = runID
    request.nextPageToken = pageToken
    let response = try await self.connection.unary(WorkflowServiceMethod.GetWorkflowExecutionHistory.self, request)
    return (response.history.events, response.nextPageToken)
  }

  func answerLegacyQuery(token: Data, _ answer: WorkflowQueryAnswer) async throws {
    var request = Temporal_Api_Workflowservice_V1_RespondQueryTaskCompletedRequest()
    request.taskToken = token
    request.namespace = self.namespace
    switch answer {
    case .answered(let payload):
      request.completedType = .answered
      request.queryResult = [payload].proto
    case .failed(let message):
      request.completedType = .failed
      request.errorMessage = message
    }
    _ = try await self.connection.unary(WorkflowServiceMethod.RespondQueryTaskCompleted.self, request, retrying: false)
  }
}
