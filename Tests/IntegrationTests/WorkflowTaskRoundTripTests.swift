import Foundation
@testable import GafferCore
import SwiftProtobuf
import TemporalAPI
import Testing

@Suite("Starting a workflow and polling its first workflow task", .enabled(if: TestServer.available, TestServer.skipReason))
struct WorkflowTaskRoundTripTests {
  @Test("the polled task's history starts with WorkflowExecutionStarted carrying our input payload")
  func startThenPoll() async throws {
    let options = try TestServer.options()
    let taskQueue = TestServer.uniqueTaskQueue("roundtrip")
    let workflowID = "gaffer-roundtrip-\(UUID().uuidString)"

    var input = Temporal_Api_Common_V1_Payload()
    input.metadata = ["encoding": Data("json/plain".utf8)]
    input.data = Data(#"{"order":42,"note":"héllo"}"#.utf8)

    try await TemporalConnection.withConnection(options) { connection in
      var start = Temporal_Api_Workflowservice_V1_StartWorkflowExecutionRequest()
      start.namespace = options.namespace
      start.workflowID = workflowID
      start.workflowType.name = "GafferRoundTrip"
      start.taskQueue.name = taskQueue
      start.taskQueue.kind = .normal
      start.input.payloads = [input]
      start.identity = options.identity
      start.requestID = UUID().uuidString
      start.workflowExecutionTimeout = .init(seconds: 60)
      let started = try await connection.unary(WorkflowServiceMethod.StartWorkflowExecution.self, start)
      #expect(!started.runID.isEmpty)

      var poll = Temporal_Api_Workflowservice_V1_PollWorkflowTaskQueueRequest()
      poll.namespace = options.namespace
      poll.taskQueue.name = taskQueue
      poll.taskQueue.kind = .normal
      poll.identity = options.identity
      poll.workerInstanceKey = UUID().uuidString
      let task = try await connection.unary(
        WorkflowServiceMethod.PollWorkflowTaskQueue.self, poll, timeout: .seconds(70), retrying: false)

      #expect(!task.taskToken.isEmpty)
      #expect(task.workflowExecution.workflowID == workflowID)
      #expect(task.workflowExecution.runID == started.runID)
      #expect(task.workflowType.name == "GafferRoundTrip")
      let first = try #require(task.history.events.first)
      #expect(first.eventID == 1)
      #expect(first.eventType == .workflowExecutionStarted)
      guard case .workflowExecutionStartedEventAttributes(let attributes)? = first.attributes else {
        Issue.record("event 1 has no WorkflowExecutionStarted attributes: \(first)")
        return
      }
      #expect(attributes.workflowType.name == "GafferRoundTrip")
      #expect(attributes.taskQueue.name == taskQueue)
      #expect(attributes.input.payloads == [input])
      #expect(task.history.events.last?.eventType == .workflowTaskStarted)

      var terminate = Temporal_Api_Workflowservice_V1_TerminateWorkflowExecutionRequest()
      terminate.namespace = options.namespace
      terminate.workflowExecution = task.workflowExecution
      terminate.reason = "test finished"
      terminate.identity = options.identity
      _ = try await connection.unary(WorkflowServiceMethod.TerminateWorkflowExecution.self, terminate)
    }
  }
}

extension WorkflowServiceMethod.StartWorkflowExecution: UnaryRPC {}
extension WorkflowServiceMethod.TerminateWorkflowExecution: UnaryRPC {}
