internal import Foundation
internal import Logging
internal import TemporalAPI

/// One run of a workflow held by the worker: its instance, machines and
/// executor. `apply` feeds it history — all of it for a new run, the new
/// events for a cached one — activating the code at each logical workflow
/// task, and returns the commands of the last activation. Not thread-safe:
/// the worker hands a run to one workflow task at a time.
final class WorkflowRun: @unchecked Sendable {
  let workflow: Workflow
  let core: WorkflowRunCore
  private let instance: any WorkflowInstance
  private let logger: Logger

  init(workflow: Workflow, workflowID: String, runID: String, namespace: String, taskQueue: String, logger: Logger) {
    self.workflow = workflow
    self.core = WorkflowRunCore(workflowID: workflowID, runID: runID, namespace: namespace, taskQueue: taskQueue)
    var logger = logger
    logger[metadataKey: "workflow.id"] = "\(workflowID)"
    logger[metadataKey: "workflow.run"] = "\(runID)"
    logger[metadataKey: "workflow.type"] = "\(workflow.name)"
    self.logger = logger
    let core = self.core
    var codeLogger = Logger(label: logger.label) { _ in ReplayAwareLogHandler(wrapping: logger.handler, core: core) }
    codeLogger.logLevel = logger.logLevel
    self.instance = workflow.makeInstance(self.core, codeLogger)
  }

  /// False until this worker has sent the run's SDK metadata.
  var sentSDKMetadata = false

  /// The last event applied.
  var lastEventID: Int64 { self.core.withMachines { $0.lastEventID } }

  /// True once the code produced a workflow-closing command.
  var isClosed: Bool { self.core.withMachines { $0.isClosed } }

  /// Applies events and returns the commands the last activation produced
  /// (empty if the events end without one).
  func apply(_ events: [Temporal_Api_History_V1_HistoryEvent]) throws(WorkflowTaskFailure) -> [WorkflowCommand] {
    for chunk in HistoryChunker.chunks(events) {
      var jobs: [WorkflowJob] = []
      for event in chunk.events {
        do {
          jobs += try self.core.withMachines { try $0.handle(event) }
        } catch let error as NondeterminismError {
          throw WorkflowTaskFailure(cause: .nondeterminism, message: error.description)
        } catch {
          throw WorkflowTaskFailure(cause: .unhandledFailure, message: "\(error)")
        }
      }
      guard let activation = chunk.activation else { continue }
      if let unmatched = self.core.withMachines({ $0.unmatchedCommandError() }) {
        throw WorkflowTaskFailure(cause: .nondeterminism, message: unmatched.description)
      }
      try self.activate(jobs, activation)
    }
    return self.core.withMachines { $0.outgoing.map(\.command) }
  }

  /// Commands produced and not yet matched by history (after a replay of a
  /// closed workflow's history, anything here is nondeterminism).
  var unmatchedCommands: [WorkflowCommand] { self.core.withMachines { $0.outgoing.map(\.command) } }

  private func activate(_ jobs: [WorkflowJob], _ activation: WorkflowTaskChunk.Activation) throws(WorkflowTaskFailure) {
    let executor = self.core.executor
    guard executor.strayJobs == 0 else {
      throw self.codeFailure(
        "the workflow's code was woken outside Gaffer's control (Task.sleep, I/O, another actor or executor, a detached task); workflow code may await only what WorkflowContext gives it")
    }
    executor.beginActivation()
    defer { executor.endActivation() }
    self.core.beginActivation(
      time: activation.time, isReplaying: activation.isReplaying, historyLength: activation.startedEventID)

    for job in jobs {
      switch job {
      case .start(let start):
        self.core.started(start)
        do {
          try self.instance.start(input: start.input)
        } catch {
          try self.close(after: error)
        }
      case .resolveActivity(let seq, let resolution):
        self.core.resolveActivity(seq: seq, resolution)
      case .fireTimer(let seq):
        self.core.fireTimer(seq: seq)
      case .signal(let name, let input):
        try self.signal(name: name, input: input)
      case .cancelRequested:
        self.core.requestCancel()
        self.instance.cancel()
      }
    }
    repeat {
      executor.runUntilBlocked()
    } while self.core.resolveSatisfiedConditions() > 0

    guard executor.strayJobs == 0 else {
      throw self.codeFailure(
        "the workflow's code was woken from another thread during the activation (Task.sleep, I/O, another actor or executor, a detached task); workflow code may await only what WorkflowContext gives it")
    }
    if let outcome = self.instance.outcome {
      if !self.isClosed {
        switch outcome {
        case .success(let result): self.core.withMachines { $0.close(with: .completeWorkflow(result: result)) }
        case .failure(let error): try self.close(after: error)
        }
      }
    } else if self.core.openAwaitables == 0 && !self.isClosed {
      throw self.codeFailure(
        "the workflow's code is waiting on something that is not a Gaffer awaitable (Task.sleep, a continuation, an actor, I/O?); nothing in history can wake it")
    }
    self.core.withMachines { $0.endActivation() }
  }

  private func signal(name: String, input: [Payload]) throws(WorkflowTaskFailure) {
    let handled: Bool
    do {
      handled = try self.instance.signal(name: name, input: input)
    } catch let error as ApplicationError where error.type == "WorkflowInputDecodingFailed" {
      if !self.core.isReplaying { self.logger.warning("signal '\(name)' dropped: \(error.message)") }
      return
    } catch {
      try self.close(after: error)
      return
    }
    if !handled && !self.core.isReplaying {
      let known = self.instance.signalNames.isEmpty ? "none" : self.instance.signalNames.joined(separator: ", ")
      self.logger.warning("signal '\(name)' dropped: workflow '\(self.workflow.name)' has no such signal (it has: \(known))")
    }
  }

  /// The workflow's code ended with `error`: the workflow fails or is
  /// cancelled if the error says so, else the workflow task fails.
  private func close(after error: any Error) throws(WorkflowTaskFailure) {
    guard !self.isClosed else { return }
    if self.core.cancelRequested && Self.isCancellation(error) {
      self.core.withMachines { $0.close(with: .cancelWorkflow) }
      return
    }
    switch error {
    case is ApplicationError, is ActivityError, is TimeoutError, is CancelledError:
      let failure = FailureConverter.failure(for: error)
      self.core.withMachines { $0.close(with: .failWorkflow(failure)) }
    default:
      throw self.codeFailure(
        "workflow '\(self.workflow.name)' threw \(type(of: error)): \(error) (throw ApplicationError to fail the workflow instead; this workflow task is retried)")
    }
  }

  static func isCancellation(_ error: any Error) -> Bool {
    switch error {
    case is CancellationError, is CancelledError: true
    case let error as ActivityError: error.isCancellation
    default: false
    }
  }

  private func codeFailure(_ message: String) -> WorkflowTaskFailure {
    WorkflowTaskFailure(cause: .unhandledFailure, message: message)
  }

  /// Drops the run (evicted, closed, or its task failed): everything its
  /// code awaits resolves as cancelled and the code runs until its tasks
  /// have unwound, so none is left suspended forever. Bounded: code that
  /// keeps awaiting in a loop is left after 100 rounds.
  func abandon() {
    self.instance.cancel()
    for _ in 0..<100 {
      self.core.abandonAll()
      let ran = self.core.executor.runUntilBlocked()
      if self.instance.outcome != nil || ran == 0 { break }
    }
  }

  /// Answers a query from the run's current state.
  func query(name: String, input: [Payload]) throws -> Payload {
    if let answer = try self.instance.query(name: name, input: input) { return answer }
    let known = self.instance.queryNames.isEmpty ? "none" : self.instance.queryNames.joined(separator: ", ")
    throw ApplicationError(
      "Workflow '\(self.workflow.name)' has no query '\(name)' (it has: \(known))", type: "QueryNotFound",
      nonRetryable: true)
  }
}
