public import Foundation

/// The workflow side of a worker, as the console and /metrics read it.
public struct WorkflowTasksSnapshot: Hashable, Sendable, Codable {
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

  public init(
    registeredTypes: [String], stickyQueue: String?, normalPollers: Int, stickyPollers: Int, openPolls: Int,
    paused: Bool, slotsMaximum: Int, slotsRunning: Int, cacheSize: Int, cacheMaximum: Int, cacheHits: Int,
    cacheMisses: Int, cacheEvictions: [String: Int], counters: WorkflowTaskCounters,
    inFlight: [InFlightWorkflowTask], recentFailures: [WorkflowTaskFailureRecord]
  ) {
    self.registeredTypes = registeredTypes
    self.stickyQueue = stickyQueue
    self.normalPollers = normalPollers
    self.stickyPollers = stickyPollers
    self.openPolls = openPolls
    self.paused = paused
    self.slotsMaximum = slotsMaximum
    self.slotsRunning = slotsRunning
    self.cacheSize = cacheSize
    self.cacheMaximum = cacheMaximum
    self.cacheHits = cacheHits
    self.cacheMisses = cacheMisses
    self.cacheEvictions = cacheEvictions
    self.counters = counters
    self.inFlight = inFlight
    self.recentFailures = recentFailures
  }
}

public struct InFlightWorkflowTask: Hashable, Sendable, Codable {
  public var workflowID: String
  public var runID: String
  public var workflowType: String
  public var attempt: Int
  public var startedAt: Date
  /// True when the run was in the cache (a sticky task).
  public var cached: Bool

  public init(workflowID: String, runID: String, workflowType: String, attempt: Int, startedAt: Date, cached: Bool) {
    self.workflowID = workflowID
    self.runID = runID
    self.workflowType = workflowType
    self.attempt = attempt
    self.startedAt = startedAt
    self.cached = cached
  }
}

public struct WorkflowTaskFailureRecord: Hashable, Sendable, Codable {
  public var workflowID: String
  public var runID: String
  public var workflowType: String
  public var at: Date
  public var nondeterminism: Bool
  public var message: String

  public init(
    workflowID: String, runID: String, workflowType: String, at: Date, nondeterminism: Bool, message: String
  ) {
    self.workflowID = workflowID
    self.runID = runID
    self.workflowType = workflowType
    self.at = at
    self.nondeterminism = nondeterminism
    self.message = message
  }
}
