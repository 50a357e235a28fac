/// What the server said about the namespace at connect time (DescribeNamespace).
public struct NamespaceInfo: Hashable, Sendable {
  public enum State: Hashable, Sendable {
    case registered
    case deprecated
    case deleted
    case unspecified
  }

  public var name: String
  /// The namespace's UUID.
  public var id: String
  public var state: State
  public var capabilities: NamespaceCapabilities
  /// Largest payload the server accepts, in bytes; nil when it did not say.
  public var blobSizeLimit: Int64?

  public init(name: String, id: String, state: State, capabilities: NamespaceCapabilities, blobSizeLimit: Int64?) {
    self.name = name
    self.id = id
    self.state = state
    self.capabilities = capabilities
    self.blobSizeLimit = blobSizeLimit
  }
}

/// Per-namespace features the worker may rely on.
public struct NamespaceCapabilities: Hashable, Sendable {
  public var eagerWorkflowStart = false
  public var syncUpdate = false
  public var asyncUpdate = false
  /// RecordWorkerHeartbeat is accepted.
  public var workerHeartbeats = false
  public var reportedProblemsSearchAttribute = false
  public var workflowPause = false
  public var standaloneActivities = false
  /// The server completes outstanding polls after ShutdownWorker, so a
  /// shutting-down worker may leave them open instead of cancelling them.
  public var workerPollCompleteOnShutdown = false
  public var pollerAutoscaling = false
  public var workerCommands = false
  public var workflowTaskCompletionPagination = false

  public init() {}

  /// The names (in the API's snake_case) of the capabilities that are on.
  public var enabledNames: [String] {
    let all: [(String, Bool)] = [
      ("eager_workflow_start", self.eagerWorkflowStart),
      ("sync_update", self.syncUpdate),
      ("async_update", self.asyncUpdate),
      ("worker_heartbeats", self.workerHeartbeats),
      ("reported_problems_search_attribute", self.reportedProblemsSearchAttribute),
      ("workflow_pause", self.workflowPause),
      ("standalone_activities", self.standaloneActivities),
      ("worker_poll_complete_on_shutdown", self.workerPollCompleteOnShutdown),
      ("poller_autoscaling", self.pollerAutoscaling),
      ("worker_commands", self.workerCommands),
      ("workflow_task_completion_pagination", self.workflowTaskCompletionPagination),
    ]
    return all.filter(\.1).map(\.0)
  }
}
