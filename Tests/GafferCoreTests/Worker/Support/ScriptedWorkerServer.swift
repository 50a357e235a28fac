import Foundation
@testable import GafferCore
import Logging
import Synchronization
import TemporalAPI

/// A Temporal server reduced to a script, for unit tests of the worker's
/// logic: polls are answered from a queue the test fills (and wait, like a
/// long poll, while it is empty), every other call is recorded and answered
/// by a closure the test sets. No sockets, no gRPC.
final class ScriptedWorkerServer: WorkerServer, Sendable {
  /// One call the worker made, in order.
  enum Call: Sendable {
    case completed(token: Data, result: Payload)
    case failed(token: Data, failure: Temporal_Api_Failure_V1_Failure, lastHeartbeatDetails: [Payload]?)
    case cancelled(token: Data)
    case heartbeat(token: Data, details: [Payload])
    case shutdownWorker
    case workerHeartbeat

    var isReport: Bool {
      switch self {
      case .completed, .failed, .cancelled: true
      case .heartbeat, .shutdownWorker, .workerHeartbeat: false
      }
    }
  }

  /// What the next poll returns.
  enum PollAnswer: Sendable {
    case task(ActivityTask)
    case error(ConnectionError)
  }

  /// Which report a call is, for `answerReport`.
  enum ReportKind: Sendable { case completed, failed, cancelled }

  struct Record: Sendable {
    /// Every call that reached the server (answered or refused), in order.
    var calls: [Call] = []
    /// Report calls the script refused with an error.
    var refusedReports = 0
    var pollsStarted = 0
    var openPolls = 0

    var reports: [Call] { self.calls.filter(\.isReport) }
    func heartbeats(of token: Data) -> [[Payload]] {
      self.calls.compactMap { call in
        if case .heartbeat(token, let details) = call { return details }
        return nil
      }
    }
  }

  private struct State {
    var record = Record()
    var pollAnswers: [PollAnswer] = []
    var waitingPolls: [UInt64: CheckedContinuation<PollAnswer?, any Error>] = [:]
    var nextPoll: UInt64 = 0
    var answerReport: @Sendable (ReportKind, Data) throws -> Void = { _, _ in }
    var answerHeartbeat: @Sendable (Data, [Payload]) throws -> ActivityHeartbeatAnswer = { _, _ in .init() }
    /// A frozen server: ShutdownWorker never answers (until cancelled).
    var shutdownWorkerHangs = false
  }

  let namespace = "unit"
  let namespaceInfo: NamespaceInfo
  let serverVersion = "scripted"
  private let state = Mutex(State())

  init(capabilities: NamespaceCapabilities = ScriptedWorkerServer.defaultCapabilities, blobSizeLimit: Int64? = nil) {
    self.namespaceInfo = NamespaceInfo(
      name: "unit", id: "unit-id", state: .registered, capabilities: capabilities, blobSizeLimit: blobSizeLimit)
  }

  /// Polls end empty on ShutdownWorker, as on the servers our scripts start.
  static var defaultCapabilities: NamespaceCapabilities {
    var capabilities = NamespaceCapabilities()
    capabilities.workerPollCompleteOnShutdown = true
    return capabilities
  }

  static func unavailable(_ what: String = "the scripted server is down") -> ConnectionError {
    ConnectionError(code: .unreachable, message: what)
  }

  // MARK: Scripting

  /// Hands a task to the next poll (a waiting one first).
  func offer(_ answer: PollAnswer) {
    let waiter = self.state.withLock { state -> CheckedContinuation<PollAnswer?, any Error>? in
      if let id = state.waitingPolls.keys.min() { return state.waitingPolls.removeValue(forKey: id) }
      state.pollAnswers.append(answer)
      return nil
    }
    waiter?.resume(returning: answer)
  }

  func offer(_ task: ActivityTask) { self.offer(.task(task)) }

  /// How report calls are answered: throw to refuse one.
  func answerReports(_ answer: @escaping @Sendable (ReportKind, Data) throws -> Void) {
    self.state.withLock { $0.answerReport = answer }
  }

  func answerHeartbeats(_ answer: @escaping @Sendable (Data, [Payload]) throws -> ActivityHeartbeatAnswer) {
    self.state.withLock { $0.answerHeartbeat = answer }
  }

  /// Freezes ShutdownWorker: the call waits until it is cancelled.
  func hangShutdownWorker() {
    self.state.withLock { $0.shutdownWorkerHangs = true }
  }

  var record: Record { self.state.withLock { $0.record } }

  /// Waits until the record satisfies `condition`; throws after `limit`.
  func waitUntil(
    _ what: String, within limit: Duration = .seconds(20), _ condition: (Record) -> Bool
  ) async throws {
    let deadline = ContinuousClock.now + limit
    while !condition(self.record) {
      guard ContinuousClock.now < deadline else { throw TestTimeout("\(what) (waited \(limit))") }
      try await Task.sleep(for: .milliseconds(5))
    }
  }

  // MARK: WorkerServer

  func waitForServer(upTo delay: Duration) async throws {
    try await Task.sleep(for: delay)
  }

  func pollActivityTask(_ poll: ActivityTaskPoll) async throws -> ActivityTaskPollResult {
    let id = self.state.withLock { state -> UInt64 in
      state.nextPoll += 1
      state.record.pollsStarted += 1
      state.record.openPolls += 1
      return state.nextPoll
    }
    defer { self.state.withLock { $0.record.openPolls -= 1 } }
    let answer = try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PollAnswer?, any Error>) in
        enum Now { case answer(PollAnswer), cancelled, wait }
        let now = self.state.withLock { state -> Now in
          if Task.isCancelled { return .cancelled }
          if !state.pollAnswers.isEmpty { return .answer(state.pollAnswers.removeFirst()) }
          state.waitingPolls[id] = continuation
          return .wait
        }
        switch now {
        case .answer(let answer): continuation.resume(returning: answer)
        case .cancelled: continuation.resume(throwing: CancellationError())
        case .wait: break
        }
      }
    } onCancel: {
      self.state.withLock { $0.waitingPolls.removeValue(forKey: id) }?.resume(throwing: CancellationError())
    }
    switch answer {
    case .task(let task)?: return ActivityTaskPollResult(task: task, scalingDelta: nil)
    case .error(let error)?: throw error
    case nil: return ActivityTaskPollResult(task: nil, scalingDelta: nil)
    }
  }

  func completeActivityTask(token: Data, result: Payload) async throws {
    try self.report(.completed, token: token, .completed(token: token, result: result))
  }

  func failActivityTask(
    token: Data, failure: Temporal_Api_Failure_V1_Failure, lastHeartbeatDetails: [Payload]?
  ) async throws {
    try self.report(.failed, token: token, .failed(token: token, failure: failure, lastHeartbeatDetails: lastHeartbeatDetails))
  }

  func cancelActivityTask(token: Data, details: [Payload]?) async throws {
    try self.report(.cancelled, token: token, .cancelled(token: token))
  }

  private func report(_ kind: ReportKind, token: Data, _ call: Call) throws {
    let answer = self.state.withLock { state in
      state.record.calls.append(call)
      return state.answerReport
    }
    do {
      try answer(kind, token)
    } catch {
      self.state.withLock { $0.record.refusedReports += 1 }
      throw error
    }
  }

  func recordActivityHeartbeat(token: Data, details: [Payload]) async throws -> ActivityHeartbeatAnswer {
    let answer = self.state.withLock { state in
      state.record.calls.append(.heartbeat(token: token, details: details))
      return state.answerHeartbeat
    }
    return try answer(token, details)
  }

  func shutdownWorker(_ shutdown: WorkerShutdownNotice) async throws {
    if self.state.withLock({ state in
      state.record.calls.append(.shutdownWorker)
      return state.shutdownWorkerHangs
    }) {
      try await Task.sleep(for: .seconds(3600))
    }
    let ended = self.state.withLock { state -> [CheckedContinuation<PollAnswer?, any Error>] in
      guard self.namespaceInfo.capabilities.workerPollCompleteOnShutdown else { return [] }
      defer { state.waitingPolls = [:] }
      return Array(state.waitingPolls.values)
    }
    for poll in ended { poll.resume(returning: nil) }
  }

  func recordWorkerHeartbeat(_ heartbeat: Temporal_Api_Worker_V1_WorkerHeartbeat, timeout: Duration?) async throws {
    self.state.withLock { $0.record.calls.append(.workerHeartbeat) }
  }

  // MARK: Workers and tasks

  /// A worker on this server, with test-friendly defaults.
  func worker(activities: [Activity], options: WorkerOptions = ScriptedWorkerServer.options()) throws -> Worker {
    try Worker(
      server: self, identity: "unit@test", taskQueue: "unit", activities: activities, options: options,
      logger: Logger(label: "gaffer.worker.unit") { _ in SwiftLogNoOpLogHandler() })
  }

  /// A fixed poller count and no server heartbeats, so the calls recorded
  /// are the ones a test is about.
  static func options(pollers: Int = 1, slots: Int = 10, grace: Duration = .seconds(30)) -> WorkerOptions {
    var options = WorkerOptions()
    options.activityPollers = pollers
    options.maxConcurrentActivities = slots
    options.gracefulShutdownTimeout = grace
    options.workerHeartbeatInterval = nil
    return options
  }

  /// An activity task with a token of its own.
  static func task(
    _ type: String, id: String = "1", attempt: Int = 1, runID: String = "run-1", input: [Payload] = [],
    startToClose: Duration? = .seconds(600), heartbeatTimeout: Duration? = nil
  ) -> ActivityTask {
    let now = Date()
    return ActivityTask(
      token: Data(UUID().uuidString.utf8),
      info: ActivityInfo(
        activityID: id, activityType: type, workflowID: "wf-\(runID)", workflowRunID: runID, workflowType: "Unit",
        namespace: "unit", taskQueue: "unit", attempt: attempt, scheduledTime: now,
        currentAttemptScheduledTime: now, startedTime: now, startToCloseTimeout: startToClose,
        heartbeatTimeout: heartbeatTimeout),
      input: input, heartbeatDetails: [])
  }
}

struct TestTimeout: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = "timed out: \(description)" }
}

/// The value of `task`, or `TestTimeout` once `limit` has passed (the task
/// is then left running: the test has failed anyway).
func value<T: Sendable>(of task: Task<T, any Error>, within limit: Duration, _ what: String) async throws -> T {
  let outcome = OnceSignal<Result<T, any Error>>()
  let waiter = Task { outcome.fire(await task.result) }
  let timer = Task {
    try? await Task.sleep(for: limit)
    outcome.fire(.failure(TestTimeout("\(what) (waited \(limit))")))
  }
  defer {
    waiter.cancel()
    timer.cancel()
  }
  return try await outcome.wait().get()
}
