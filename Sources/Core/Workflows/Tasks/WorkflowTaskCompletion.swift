internal import Foundation
internal import TemporalAPI

/// What RespondWorkflowTaskCompleted tells the server.
struct WorkflowTaskCompletion: Sendable {
  var token: Data
  var commands: [WorkflowCommand]
  /// The worker's sticky queue: the server sends this run's next task there.
  var stickyQueue: String?
  var stickyScheduleToStartTimeout: Duration
  var queryAnswers: [String: WorkflowQueryAnswer]
  var workerInstanceKey: String
  /// The worker's task queue: eager activity tasks the server hands back
  /// come from it.
  var taskQueue: String
  /// Sent on a run's first completion from this worker, when the server
  /// takes SDK metadata: history then says which SDK made the run's tasks.
  var sdkName: String? = nil
  var sdkVersion: String? = nil
}

/// What a workflow-task poll asks for.
struct WorkflowTaskPoll: Sendable {
  var taskQueue: String
  /// Set to poll the worker's sticky queue (kind STICKY, normal name = taskQueue).
  var stickyQueue: String?
  var workerInstanceKey: String
  var timeout: Duration
}
