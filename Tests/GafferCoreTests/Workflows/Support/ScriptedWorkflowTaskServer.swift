import Foundation
@testable import GafferCore
import Synchronization
import TemporalAPI

/// The workflow-task calls of a Temporal server reduced to a script: polls
/// take tasks from a queue the test fills (and wait while it is empty),
/// history pages come from a map, every report is recorded. A completion
/// that asks for eager activities gets each one back started, as the
/// server does when it can.
final class ScriptedWorkflowTaskServer: WorkflowTaskServer, Sendable {
  enum Report: Sendable {
    case completed(WorkflowTaskCompletion)
    case failed(token: Data, cause: Temporal_Api_Enums_V1_WorkflowTaskFailedCause, message: String)
    case queryAnswered(token: Data, WorkflowQueryAnswer)
  }

  private struct State {
    var tasks: [WorkflowTask] = []
    var waiting: [CheckedContinuation<WorkflowTask?, any Error>] = []
    var reports: [Report] = []
    var historyFetches = 0
    /// Full histories by run id, served in pages of `pageSize` events.
    var histories: [String: [Temporal_Api_History_V1_HistoryEvent]] = [:]
    var refuseCompletions = false
    /// A frozen server: completions are recorded and never answered (until cancelled).
    var completionsHang = false
  }

  let namespace = "unit"
  let takesSDKMetadata = true
  let pageSize: Int
  private let state = Mutex(State())

  init(pageSize: Int = 4) {
    self.pageSize = pageSize
  }

  func hand(_ task: WorkflowTask) {
    let waiter = self.state.withLock { state -> CheckedContinuation<WorkflowTask?, any Error>? in
      if state.waiting.isEmpty {
        state.tasks.append(task)
        return nil
      }
      return state.waiting.removeFirst()
    }
    waiter?.resume(returning: task)
  }

  func setHistory(_ events: [Temporal_Api_History_V1_HistoryEvent], runID: String) {
    self.state.withLock { $0.histories[runID] = events }
  }

  /// Ends every open poll empty, as ShutdownWorker does on servers that can.
  func endPolls() {
    let waiting = self.state.withLock { state in
      defer { state.waiting = [] }
      return state.waiting
    }
    for waiter in waiting { waiter.resume(returning: nil) }
  }

  func hangCompletions() {
    self.state.withLock { $0.completionsHang = true }
  }

  func refuseCompletions() {
    self.state.withLock { $0.refuseCompletions = true }
  }

  var reports: [Report] { self.state.withLock { $0.reports } }
  var historyFetches: Int { self.state.withLock { $0.historyFetches } }

  /// Waits until `count` reports arrived (at most 20 s).
  func waitForReports(_ count: Int) async throws -> [Report] {
    let deadline = ContinuousClock.now + .seconds(20)
    while self.reports.count < count {
      guard ContinuousClock.now < deadline else { throw TestTimeout("\(count) workflow-task reports") }
      try await Task.sleep(for: .milliseconds(2))
    }
    return self.reports
  }

  func waitForServer(upTo delay: Duration) async throws {
    try await Task.sleep(for: delay)
  }

  func pollWorkflowTask(_ poll: WorkflowTaskPoll) async throws -> WorkflowTask? {
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let task = self.state.withLock { state -> WorkflowTask? in
          if !state.tasks.isEmpty { return state.tasks.removeFirst() }
          state.waiting.append(continuation)
          return nil
        }
        if let task { continuation.resume(returning: task) }
      }
    } onCancel: {
      let waiting = self.state.withLock { state in
        defer { state.waiting = [] }
        return state.waiting
      }
      for waiter in waiting { waiter.resume(throwing: CancellationError()) }
    }
  }

  func completeWorkflowTask(_ completion: WorkflowTaskCompletion) async throws -> [ActivityTask] {
    let hangs = try self.state.withLock { state in
      state.reports.append(.completed(completion))
      if state.refuseCompletions { throw ConnectionError(code: .notFound, message: "workflow task not found") }
      return state.completionsHang
    }
    if hangs { try await Task.sleep(for: .seconds(86_400)) }
    return completion.commands.compactMap { command in
      guard case .scheduleActivity(let activity) = command, activity.requestEagerExecution else { return nil }
      var response = Temporal_Api_Workflowservice_V1_PollActivityTaskQueueResponse()
      response.taskToken = Data("eager-\(activity.activityID)".utf8)
      response.activityID = activity.activityID
      response.activityType.name = activity.activityType
      response.attempt = 1
      return ActivityTask(response, taskQueue: completion.taskQueue)!
    }
  }

  func failWorkflowTask(
    token: Data, cause: Temporal_Api_Enums_V1_WorkflowTaskFailedCause, failure: Temporal_Api_Failure_V1_Failure
  ) async throws {
    self.state.withLock { $0.reports.append(.failed(token: token, cause: cause, message: failure.message)) }
  }

  func workflowHistory(workflowID: String, runID: String, pageToken: Data) async throws
    -> (events: [Temporal_Api_History_V1_HistoryEvent], nextPageToken: Data)
  {
    self.state.withLock { state in
      state.historyFetches += 1
      let events = state.histories[runID] ?? []
      let start = pageToken.isEmpty ? 0 : Int(String(decoding: pageToken, as: UTF8.self)) ?? 0
      let end = min(start + self.pageSize, events.count)
      let next = end < events.count ? Data(String(end).utf8) : Data()
      return (Array(events[start..<end]), next)
    }
  }

  func answerLegacyQuery(token: Data, _ answer: WorkflowQueryAnswer) async throws {
    self.state.withLock { $0.reports.append(.queryAnswered(token: token, answer)) }
  }
}
