internal import Foundation
internal import TemporalAPI

/// One workflow task as a poll returned it.
struct WorkflowTask: Sendable {
  var token: Data
  var workflowID: String
  var runID: String
  var workflowType: String
  /// The workflow task's attempt: only the first failure is reported.
  var attempt: Int
  var previousStartedEventID: Int64
  var startedEventID: Int64
  /// History from event 1 (normal queue) or after the previous task (sticky).
  var events: [Temporal_Api_History_V1_HistoryEvent]
  /// More history to fetch with GetWorkflowExecutionHistory.
  var nextPageToken: Data
  /// A legacy query task: answered with RespondQueryTaskCompleted, alone.
  var legacyQuery: WorkflowQueryRequest?
  /// Queries to answer in this task's completion, by query id.
  var queries: [String: WorkflowQueryRequest]

  init?(_ response: Temporal_Api_Workflowservice_V1_PollWorkflowTaskQueueResponse) {
    guard !response.taskToken.isEmpty else { return nil }
    self.token = response.taskToken
    self.workflowID = response.workflowExecution.workflowID
    self.runID = response.workflowExecution.runID
    self.workflowType = response.workflowType.name
    self.attempt = Int(max(response.attempt, 1))
    self.previousStartedEventID = response.previousStartedEventID
    self.startedEventID = response.startedEventID
    self.events = response.history.events
    self.nextPageToken = response.nextPageToken
    self.legacyQuery = response.hasQuery ? WorkflowQueryRequest(response.query) : nil
    self.queries = response.queries.mapValues(WorkflowQueryRequest.init)
  }
}

struct WorkflowQueryRequest: Sendable, Equatable {
  var name: String
  var input: [Payload]

  init(name: String, input: [Payload]) {
    self.name = name
    self.input = input
  }

  init(_ proto: Temporal_Api_Query_V1_WorkflowQuery) {
    self.init(name: proto.queryType, input: [Payload](proto.queryArgs))
  }
}

/// What a query came to: an answer, or why there is none.
enum WorkflowQueryAnswer: Sendable, Equatable {
  case answered(Payload)
  case failed(String)
}
