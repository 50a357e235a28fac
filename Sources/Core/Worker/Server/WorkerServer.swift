internal import Foundation
internal import TemporalAPI

/// The calls a worker makes to the Temporal server, typed: what the worker
/// asks and what it needs from the answer, nothing of gRPC. The worker talks
/// only to this, so its logic can be tested against a script of a server's
/// answers; `GRPCWorkerServer` is the one real conformer.
///
/// Failures are `ConnectionError` (the code says what kind) or
/// `CancellationError` when the calling task was cancelled.
protocol WorkerServer: Sendable {
  /// The namespace every call names.
  var namespace: String { get }
  /// What DescribeNamespace said at connect time: capabilities and limits.
  var namespaceInfo: NamespaceInfo { get }
  /// The server's version, from GetSystemInfo.
  var serverVersion: String { get }

  /// Sleeps for `delay`, or less: returns as soon as any call reaches the
  /// server again, so backoffs end with an outage.
  func waitForServer(upTo delay: Duration) async throws

  /// One long poll of the task queue's activity tasks.
  func pollActivityTask(_ poll: ActivityTaskPoll) async throws -> ActivityTaskPollResult
  func completeActivityTask(token: Data, result: Payload) async throws
  func failActivityTask(token: Data, failure: Temporal_Api_Failure_V1_Failure, lastHeartbeatDetails: [Payload]?)
    async throws
  func cancelActivityTask(token: Data, details: [Payload]?) async throws
  func recordActivityHeartbeat(token: Data, details: [Payload]) async throws -> ActivityHeartbeatAnswer

  /// ShutdownWorker: the server stops routing to this worker (and, with the
  /// namespace's poll-complete capability, ends its open polls).
  func shutdownWorker(_ shutdown: WorkerShutdownNotice) async throws
  func recordWorkerHeartbeat(_ heartbeat: Temporal_Api_Worker_V1_WorkerHeartbeat, timeout: Duration?) async throws
}

/// What an activity poll asks for.
struct ActivityTaskPoll: Sendable {
  var taskQueue: String
  var workerInstanceKey: String
  /// The whole queue's rate limit, enforced by the server; nil for none.
  var maxTasksPerSecond: Double?
  var timeout: Duration
}

/// What one poll brought: a task or nothing, and the server's suggestion to
/// add or remove polls, if it made one.
struct ActivityTaskPollResult: Sendable {
  var task: ActivityTask?
  var scalingDelta: Int?
}

/// The flags of a heartbeat's answer.
struct ActivityHeartbeatAnswer: Sendable, Equatable {
  var cancelRequested = false
  var paused = false
  var reset = false
}

/// What ShutdownWorker tells the server.
struct WorkerShutdownNotice: Sendable {
  var taskQueue: String
  var workerInstanceKey: String
  var taskQueueTypes: [Temporal_Api_Enums_V1_TaskQueueType]
  /// The worker's sticky queue: the server moves its cached runs' next
  /// tasks to the normal queue at once.
  var stickyQueue: String? = nil
  var finalHeartbeat: Temporal_Api_Worker_V1_WorkerHeartbeat?
}

/// The workflow-task calls, apart so that activity-only test scripts need
/// not answer them.
protocol WorkflowTaskServer: Sendable {
  var namespace: String { get }
  /// GetSystemInfo's `sdk_metadata` capability.
  var takesSDKMetadata: Bool { get }
  func waitForServer(upTo delay: Duration) async throws
  func pollWorkflowTask(_ poll: WorkflowTaskPoll) async throws -> WorkflowTask?
  /// Returns the activity tasks the server started here for the
  /// completion's eager requests (none when it asked for none).
  func completeWorkflowTask(_ completion: WorkflowTaskCompletion) async throws -> [ActivityTask]
  func failWorkflowTask(
    token: Data, cause: Temporal_Api_Enums_V1_WorkflowTaskFailedCause, failure: Temporal_Api_Failure_V1_Failure
  ) async throws
  /// One page of a run's history: its events and the token of the next page
  /// (empty at the end).
  func workflowHistory(workflowID: String, runID: String, pageToken: Data) async throws
    -> (events: [Temporal_Api_History_V1_HistoryEvent], nextPageToken: Data)
  func answerLegacyQuery(token: Data, _ answer: WorkflowQueryAnswer) async throws
}
