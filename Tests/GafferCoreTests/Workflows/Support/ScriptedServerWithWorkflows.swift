import Foundation
@testable import GafferCore
import TemporalAPI

/// A server for a worker that runs workflows and activities: activity calls
/// go to a `ScriptedWorkerServer`, workflow-task calls to a
/// `ScriptedWorkflowTaskServer`; ShutdownWorker ends both kinds of poll.
final class ScriptedServerWithWorkflows: WorkerServer, WorkflowTaskServer, Sendable {
  let activities = ScriptedWorkerServer()
  let workflows = ScriptedWorkflowTaskServer()

  var namespace: String { self.activities.namespace }
  var namespaceInfo: NamespaceInfo { self.activities.namespaceInfo }
  var serverVersion: String { self.activities.serverVersion }
  var takesSDKMetadata: Bool { self.workflows.takesSDKMetadata }

  func waitForServer(upTo delay: Duration) async throws { try await self.activities.waitForServer(upTo: delay) }

  func pollActivityTask(_ poll: ActivityTaskPoll) async throws -> ActivityTaskPollResult {
    try await self.activities.pollActivityTask(poll)
  }

  func completeActivityTask(token: Data, result: Payload) async throws {
    try await self.activities.completeActivityTask(token: token, result: result)
  }

  func failActivityTask(token: Data, failure: Temporal_Api_Failure_V1_Failure, lastHeartbeatDetails: [Payload]?)
    async throws
  {
    try await self.activities.failActivityTask(token: token, failure: failure, lastHeartbeatDetails: lastHeartbeatDetails)
  }

  func cancelActivityTask(token: Data, details: [Payload]?) async throws {
    try await self.activities.cancelActivityTask(token: token, details: details)
  }

  func recordActivityHeartbeat(token: Data, details: [Payload]) async throws -> ActivityHeartbeatAnswer {
    try await self.activities.recordActivityHeartbeat(token: token, details: details)
  }

  func shutdownWorker(_ shutdown: WorkerShutdownNotice) async throws {
    try await self.activities.shutdownWorker(shutdown)
    self.workflows.endPolls()
  }

  func recordWorkerHeartbeat(_ heartbeat: Temporal_Api_Worker_V1_WorkerHeartbeat, timeout: Duration?) async throws {
    try await self.activities.recordWorkerHeartbeat(heartbeat, timeout: timeout)
  }

  func pollWorkflowTask(_ poll: WorkflowTaskPoll) async throws -> WorkflowTask? {
    try await self.workflows.pollWorkflowTask(poll)
  }

  func completeWorkflowTask(_ completion: WorkflowTaskCompletion) async throws -> [ActivityTask] {
    try await self.workflows.completeWorkflowTask(completion)
  }

  func failWorkflowTask(
    token: Data, cause: Temporal_Api_Enums_V1_WorkflowTaskFailedCause, failure: Temporal_Api_Failure_V1_Failure
  ) async throws {
    try await self.workflows.failWorkflowTask(token: token, cause: cause, failure: failure)
  }

  func workflowHistory(workflowID: String, runID: String, pageToken: Data) async throws
    -> (events: [Temporal_Api_History_V1_HistoryEvent], nextPageToken: Data)
  {
    try await self.workflows.workflowHistory(workflowID: workflowID, runID: runID, pageToken: pageToken)
  }

  func answerLegacyQuery(token: Data, _ answer: WorkflowQueryAnswer) async throws {
    try await self.workflows.answerLegacyQuery(token: token, answer)
  }
}
