public import Foundation

/// Every worker on one task queue, as the server knows them: from worker
/// heartbeats (ListWorkers) where workers send them — any SDK's — and from
/// the queue's pollers otherwise. What `gaffer top` shows; no worker of
/// this process is involved.
public struct FleetSnapshot: Hashable, Sendable, Codable {
  public var takenAt: Date
  public var namespace: String
  public var taskQueue: String
  /// The queue's backlog and pollers (DescribeTaskQueue).
  public var queue: TaskQueueServerView
  /// Sorted by identity.
  public var workers: [FleetWorker]
  /// Why ListWorkers did not answer (the server may not keep worker
  /// heartbeats); the workers then come from the pollers alone.
  public var heartbeatsError: String?

  public init(
    takenAt: Date, namespace: String, taskQueue: String, queue: TaskQueueServerView, workers: [FleetWorker],
    heartbeatsError: String? = nil
  ) {
    self.takenAt = takenAt
    self.namespace = namespace
    self.taskQueue = taskQueue
    self.queue = queue
    self.workers = workers
    self.heartbeatsError = heartbeatsError
  }
}

/// One worker process on the queue.
public struct FleetWorker: Hashable, Sendable, Codable {
  public var identity: String
  /// Nil for a worker known only as a poller.
  public var heartbeat: FleetHeartbeat?
  /// When the server last saw it poll this queue (either kind).
  public var lastPollAt: Date?
  public var pollsActivities: Bool
  public var pollsWorkflows: Bool

  public init(
    identity: String, heartbeat: FleetHeartbeat? = nil, lastPollAt: Date? = nil, pollsActivities: Bool = false,
    pollsWorkflows: Bool = false
  ) {
    self.identity = identity
    self.heartbeat = heartbeat
    self.lastPollAt = lastPollAt
    self.pollsActivities = pollsActivities
    self.pollsWorkflows = pollsWorkflows
  }
}

/// What a worker's last heartbeat said about itself.
public struct FleetHeartbeat: Hashable, Sendable, Codable {
  public var instanceKey: String
  public var host: String
  public var processID: String
  public var sdkName: String
  public var sdkVersion: String
  /// RUNNING, SHUTTING_DOWN, SHUTDOWN, as the server's enum says it.
  public var status: String
  public var startedAt: Date?
  public var heartbeatAt: Date?
  public var activitySlots: FleetSlots?
  public var workflowSlots: FleetSlots?
  public var activityPollers: Int
  public var workflowPollers: Int
  public var stickyPollers: Int
  public var stickyCacheSize: Int
  public var stickyCacheHits: Int
  public var stickyCacheMisses: Int

  public init(
    instanceKey: String, host: String, processID: String, sdkName: String, sdkVersion: String, status: String,
    startedAt: Date?, heartbeatAt: Date?, activitySlots: FleetSlots?, workflowSlots: FleetSlots?,
    activityPollers: Int, workflowPollers: Int, stickyPollers: Int, stickyCacheSize: Int, stickyCacheHits: Int,
    stickyCacheMisses: Int
  ) {
    self.instanceKey = instanceKey
    self.host = host
    self.processID = processID
    self.sdkName = sdkName
    self.sdkVersion = sdkVersion
    self.status = status
    self.startedAt = startedAt
    self.heartbeatAt = heartbeatAt
    self.activitySlots = activitySlots
    self.workflowSlots = workflowSlots
    self.activityPollers = activityPollers
    self.workflowPollers = workflowPollers
    self.stickyPollers = stickyPollers
    self.stickyCacheSize = stickyCacheSize
    self.stickyCacheHits = stickyCacheHits
    self.stickyCacheMisses = stickyCacheMisses
  }
}

/// Slots of one kind as sdk-core reports them: used = running, available = the rest.
public struct FleetSlots: Hashable, Sendable, Codable {
  public var used: Int
  /// Nil when the worker reports it does not know (-1 on the wire).
  public var available: Int?

  public init(used: Int, available: Int?) {
    self.used = used
    self.available = available
  }
}
