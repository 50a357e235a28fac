public import Foundation

/// The workflow side of a worker, as the console and /metrics read it.
public struct WorkflowTasksSnapshot: Hashable, Sendable {
  public var registeredTypes: [String]
  public var stickyQueue: String?
  public var normalPollers: Int
  public var stickyPollers: Int
  /// Polls open on the server right now.
  public var openPolls: Int
  /// Workflow polling paused by an operator (activities may still poll).
  public var paused: Bool
  public var slotsMaximum: Int
  public var slotsRunning: Int
  public var cacheSize: Int
  public var cacheMaximum: Int
  public var cacheHits: Int
  public var cacheMisses: Int
  /// Evictions by reason ("full", "closed", "task failed", …).
  public var cacheEvictions: [String: Int]
  public var counters: WorkflowTaskCounters
  public var inFlight: [InFlightWorkflowTask]
  /// The latest workflow-task failures, newest last (at most 20).
  public var recentFailures: [WorkflowTaskFailureRecord]
}

public struct InFlightWorkflowTask: Hashable, Sendable {
  public var workflowID: String
  public var runID: String
  public var workflowType: String
  public var attempt: Int
  public var startedAt: Date
  /// True when the run was in the cache (a sticky task).
  public var cached: Bool
}

public struct WorkflowTaskFailureRecord: Hashable, Sendable {
  public var workflowID: String
  public var runID: String
  public var workflowType: String
  public var at: Date
  public var nondeterminism: Bool
  public var message: String
}
