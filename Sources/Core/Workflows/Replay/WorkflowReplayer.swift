public import Foundation
internal import Logging
internal import SwiftProtobuf
internal import TemporalAPI

/// Replays recorded histories against workflow code, as a worker would
/// after a restart: the check to run in tests before deploying changed
/// workflow code.
///
/// ```swift
/// let replayer = try WorkflowReplayer(workflows: [chain, counter])
/// try replayer.replay(historyFile: URL(fileURLWithPath: "histories/chain.json"))
/// ```
///
/// Histories are what `temporal workflow show -w ID -o json` writes (or the
/// UI's JSON download).
public struct WorkflowReplayer: Sendable {
  let workflows: [String: Workflow]

  /// Throws if two workflows share a name.
  public init(workflows: [Workflow]) throws(WorkerConfigurationError) {
    self.workflows = try WorkflowTaskWorker.index(workflows, taskQueue: "replay")
  }

  /// Replays a history file; returns the number of events replayed.
  @discardableResult
  public func replay(historyFile: URL) throws(ReplayError) -> Int {
    let data: Data
    do {
      data = try Data(contentsOf: historyFile)
    } catch {
      throw ReplayError(.unreadableHistory, "\(historyFile.path): can't read it: \(error.localizedDescription)")
    }
    do {
      return try self.replay(historyJSON: data)
    } catch {
      throw ReplayError(error.kind, "\(historyFile.path): \(error.message)")
    }
  }

  /// Replays a history in the JSON `temporal workflow show -o json` writes;
  /// returns the number of events replayed.
  @discardableResult
  public func replay(historyJSON: Data) throws(ReplayError) -> Int {
    var options = JSONDecodingOptions()
    options.ignoreUnknownFields = true
    let history: Temporal_Api_History_V1_History
    do {
      history = try Temporal_Api_History_V1_History(jsonUTF8Data: historyJSON, options: options)
    } catch {
      throw ReplayError(.unreadableHistory, "not a workflow history in JSON (\(error))")
    }
    return try self.replay(history.events)
  }

  func replay(_ events: [Temporal_Api_History_V1_HistoryEvent]) throws(ReplayError) -> Int {
    guard let first = events.first, case .workflowExecutionStartedEventAttributes(let started) = first.attributes
    else {
      throw ReplayError(.unreadableHistory, "the history does not begin with WorkflowExecutionStarted")
    }
    guard let workflow = self.workflows[started.workflowType.name] else {
      let known = self.workflows.keys.sorted().joined(separator: ", ")
      throw ReplayError(
        .unreadableHistory,
        "workflow type '\(started.workflowType.name)' is not among the replayer's workflows (\(known.isEmpty ? "none" : known))")
    }
    var logger = Logger(label: "gaffer.replay")
    logger.logLevel = .critical
    let run = WorkflowRun(
      workflow: workflow, workflowID: started.workflowID.isEmpty ? "replay" : started.workflowID,
      runID: started.originalExecutionRunID, namespace: "replay", taskQueue: started.taskQueue.name,
      logger: logger)
    defer { run.abandon() }
    do {
      _ = try run.apply(events)
    } catch {
      throw ReplayError(error.cause == .nondeterminism ? .nondeterminism : .workflowTaskFailure, error.message)
    }
    // A history that ends in a started task is a running workflow: its last
    // activation's commands are new. Anything else must all be in history.
    if events.last?.eventType != .workflowTaskStarted, let extra = run.unmatchedCommands.first {
      throw ReplayError(
        .nondeterminism,
        NondeterminismError(eventID: events.last?.eventID ?? 0, expected: "no further command", produced: extra.summary)
          .description)
    }
    return events.count
  }
}
