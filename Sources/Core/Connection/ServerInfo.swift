/// What the server said about itself at connect time (GetSystemInfo).
public struct ServerInfo: Hashable, Sendable {
  /// For example "1.32.0".
  public var version: String
  public var capabilities: ServerCapabilities

  public init(version: String, capabilities: ServerCapabilities) {
    self.version = version
    self.capabilities = capabilities
  }
}

/// Server-wide features the worker may rely on.
public struct ServerCapabilities: Hashable, Sendable {
  public var signalAndQueryHeader = false
  public var internalErrorDifferentiation = false
  public var activityFailureIncludeHeartbeat = false
  public var supportsSchedules = false
  public var encodedFailureAttributes = false
  public var buildIdBasedVersioning = false
  public var upsertMemo = false
  public var eagerWorkflowStart = false
  /// Completions may carry `sdk_metadata` only when this is set.
  public var sdkMetadata = false
  public var countGroupByExecutionStatus = false
  public var nexus = false
  public var serverScaledDeployments = false

  public init() {}

  /// The names (in the API's snake_case) of the capabilities that are on.
  public var enabledNames: [String] {
    let all: [(String, Bool)] = [
      ("signal_and_query_header", self.signalAndQueryHeader),
      ("internal_error_differentiation", self.internalErrorDifferentiation),
      ("activity_failure_include_heartbeat", self.activityFailureIncludeHeartbeat),
      ("supports_schedules", self.supportsSchedules),
      ("encoded_failure_attributes", self.encodedFailureAttributes),
      ("build_id_based_versioning", self.buildIdBasedVersioning),
      ("upsert_memo", self.upsertMemo),
      ("eager_workflow_start", self.eagerWorkflowStart),
      ("sdk_metadata", self.sdkMetadata),
      ("count_group_by_execution_status", self.countGroupByExecutionStatus),
      ("nexus", self.nexus),
      ("server_scaled_deployments", self.serverScaledDeployments),
    ]
    return all.filter(\.1).map(\.0)
  }
}
