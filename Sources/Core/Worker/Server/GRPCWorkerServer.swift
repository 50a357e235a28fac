internal import Foundation
internal import SwiftProtobuf
internal import TemporalAPI

/// `WorkerServer` over a `TemporalConnection`: each method is one
/// WorkflowService RPC with the worker's identity. Long polls travel on the
/// connection's poll channel; reports go without the connection's inner
/// retries, so only the worker's recovery-aware loops wait.
struct GRPCWorkerServer: WorkerServer {
  let connection: TemporalConnection
  let identity: String

  var namespace: String { self.connection.options.namespace }
  var namespaceInfo: NamespaceInfo { self.connection.namespaceInfo }
  var serverVersion: String { self.connection.serverInfo.version }

  func waitForServer(upTo delay: Duration) async throws {
    try await self.connection.recovery.sleep(upTo: delay)
  }

  func pollActivityTask(_ poll: ActivityTaskPoll) async throws -> ActivityTaskPollResult {
    var request = Temporal_Api_Workflowservice_V1_PollActivityTaskQueueRequest()
    request.namespace = self.namespace
    request.taskQueue.name = poll.taskQueue
    request.taskQueue.kind = .normal
    request.identity = self.identity
    request.workerInstanceKey = poll.workerInstanceKey
    if let rate = poll.maxTasksPerSecond {
      request.taskQueueMetadata.maxTasksPerSecond = Google_Protobuf_DoubleValue(rate)
    }
    let response = try await self.connection.unary(
      WorkflowServiceMethod.PollActivityTaskQueue.self, request, timeout: poll.timeout, retrying: false, longPoll: true)
    return ActivityTaskPollResult(
      task: ActivityTask(response, taskQueue: poll.taskQueue),
      scalingDelta: response.hasPollerScalingDecision
        ? Int(response.pollerScalingDecision.pollRequestDeltaSuggestion) : nil)
  }

  func completeActivityTask(token: Data, result: Payload) async throws {
    var request = Temporal_Api_Workflowservice_V1_RespondActivityTaskCompletedRequest()
    request.taskToken = token
    request.result = [result].proto
    request.identity = self.identity
    request.namespace = self.namespace
    _ = try await self.connection.unary(
      WorkflowServiceMethod.RespondActivityTaskCompleted.self, request, retrying: false)
  }

  func failActivityTask(
    token: Data, failure: Temporal_Api_Failure_V1_Failure, lastHeartbeatDetails: [Payload]?
  ) async throws {
    var request = Temporal_Api_Workflowservice_V1_RespondActivityTaskFailedRequest()
    request.taskToken = token
    request.failure = failure
    request.identity = self.identity
    request.namespace = self.namespace
    if let details = lastHeartbeatDetails { request.lastHeartbeatDetails = details.proto }
    _ = try await self.connection.unary(WorkflowServiceMethod.RespondActivityTaskFailed.self, request, retrying: false)
  }

  func cancelActivityTask(token: Data, details: [Payload]?) async throws {
    var request = Temporal_Api_Workflowservice_V1_RespondActivityTaskCanceledRequest()
    request.taskToken = token
    request.identity = self.identity
    request.namespace = self.namespace
    if let details { request.details = details.proto }
    _ = try await self.connection.unary(
      WorkflowServiceMethod.RespondActivityTaskCanceled.self, request, retrying: false)
  }

  func recordActivityHeartbeat(token: Data, details: [Payload]) async throws -> ActivityHeartbeatAnswer {
    var request = Temporal_Api_Workflowservice_V1_RecordActivityTaskHeartbeatRequest()
    request.taskToken = token
    request.details = details.proto
    request.identity = self.identity
    request.namespace = self.namespace
    let response = try await self.connection.unary(WorkflowServiceMethod.RecordActivityTaskHeartbeat.self, request)
    return ActivityHeartbeatAnswer(
      cancelRequested: response.cancelRequested, paused: response.activityPaused, reset: response.activityReset)
  }

  func shutdownWorker(_ shutdown: WorkerShutdownNotice) async throws {
    var request = Temporal_Api_Workflowservice_V1_ShutdownWorkerRequest()
    request.namespace = self.namespace
    request.identity = self.identity
    request.reason = "graceful shutdown"
    request.workerInstanceKey = shutdown.workerInstanceKey
    request.taskQueue = shutdown.taskQueue
    request.taskQueueTypes = shutdown.taskQueueTypes
    if let sticky = shutdown.stickyQueue { request.stickyTaskQueue = sticky }
    if let heartbeat = shutdown.finalHeartbeat { request.workerHeartbeat = heartbeat }
    _ = try await self.connection.unary(WorkflowServiceMethod.ShutdownWorker.self, request, retrying: false)
  }

  func recordWorkerHeartbeat(_ heartbeat: Temporal_Api_Worker_V1_WorkerHeartbeat, timeout: Duration?) async throws {
    var request = Temporal_Api_Workflowservice_V1_RecordWorkerHeartbeatRequest()
    request.namespace = self.namespace
    request.identity = self.identity
    request.workerHeartbeat = [heartbeat]
    _ = try await self.connection.unary(
      WorkflowServiceMethod.RecordWorkerHeartbeat.self, request, timeout: timeout, retrying: false)
  }
}
