internal import TemporalAPI

// Raw protos become plain values here, at the edge, so nothing past the
// connection sees optional-everything messages.

extension ServerInfo {
  init(_ response: Temporal_Api_Workflowservice_V1_GetSystemInfoResponse) {
    let c = response.capabilities
    var capabilities = ServerCapabilities()
    capabilities.signalAndQueryHeader = c.signalAndQueryHeader
    capabilities.internalErrorDifferentiation = c.internalErrorDifferentiation
    capabilities.activityFailureIncludeHeartbeat = c.activityFailureIncludeHeartbeat
    capabilities.supportsSchedules = c.supportsSchedules
    capabilities.encodedFailureAttributes = c.encodedFailureAttributes
    capabilities.buildIdBasedVersioning = c.buildIDBasedVersioning
    capabilities.upsertMemo = c.upsertMemo
    capabilities.eagerWorkflowStart = c.eagerWorkflowStart
    capabilities.sdkMetadata = c.sdkMetadata
    capabilities.countGroupByExecutionStatus = c.countGroupByExecutionStatus
    capabilities.nexus = c.nexus
    capabilities.serverScaledDeployments = c.serverScaledDeployments
    self.init(version: response.serverVersion, capabilities: capabilities)
  }
}

extension NamespaceInfo {
  init(_ response: Temporal_Api_Workflowservice_V1_DescribeNamespaceResponse) {
    let info = response.namespaceInfo
    let c = info.capabilities
    var capabilities = NamespaceCapabilities()
    capabilities.eagerWorkflowStart = c.eagerWorkflowStart
    capabilities.syncUpdate = c.syncUpdate
    capabilities.asyncUpdate = c.asyncUpdate
    capabilities.workerHeartbeats = c.workerHeartbeats
    capabilities.reportedProblemsSearchAttribute = c.reportedProblemsSearchAttribute
    capabilities.workflowPause = c.workflowPause
    capabilities.standaloneActivities = c.standaloneActivities
    capabilities.workerPollCompleteOnShutdown = c.workerPollCompleteOnShutdown
    capabilities.pollerAutoscaling = c.pollerAutoscaling
    capabilities.workerCommands = c.workerCommands
    capabilities.workflowTaskCompletionPagination = c.workflowTaskCompletionPagination

    let state: State
    switch info.state {
    case .registered: state = .registered
    case .deprecated: state = .deprecated
    case .deleted: state = .deleted
    case .unspecified, .UNRECOGNIZED: state = .unspecified
    }
    let limit = info.hasLimits && info.limits.blobSizeLimitError > 0 ? info.limits.blobSizeLimitError : nil
    self.init(name: info.name, id: info.id, state: state, capabilities: capabilities, blobSizeLimit: limit)
  }
}
