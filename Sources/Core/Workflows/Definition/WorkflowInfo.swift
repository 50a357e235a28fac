public import Foundation

/// What a workflow's code knows about its run.
public struct WorkflowInfo: Hashable, Sendable {
  public var workflowID: String
  public var runID: String
  public var workflowType: String
  public var namespace: String
  public var taskQueue: String
  /// The run's attempt under its retry policy, from 1.
  public var attempt: Int
  /// Events in history as of the workflow task being run.
  public var historyLength: Int
  public var startTime: Date

  public init(
    workflowID: String, runID: String, workflowType: String, namespace: String, taskQueue: String, attempt: Int,
    historyLength: Int, startTime: Date
  ) {
    self.workflowID = workflowID
    self.runID = runID
    self.workflowType = workflowType
    self.namespace = namespace
    self.taskQueue = taskQueue
    self.attempt = attempt
    self.historyLength = historyLength
    self.startTime = startTime
  }
}
