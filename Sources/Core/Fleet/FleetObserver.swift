public import Foundation
internal import SwiftProtobuf
internal import TemporalAPI

/// Asks the server about every worker on one task queue: ListWorkers for
/// the workers that send heartbeats (any SDK's), DescribeTaskQueue for the
/// backlog and for pollers that send none. Keep one and call `refresh()`
/// every few seconds: the backlog's trend compares with the last answer.
public final class FleetObserver: Sendable {
  public let taskQueue: String
  private let connection: TemporalConnection
  private let queue: TaskQueueObserver

  public init(connection: TemporalConnection, taskQueue: String) {
    self.connection = connection
    self.taskQueue = taskQueue
    // No worker of this process polls, so no poller is "this worker".
    self.queue = TaskQueueObserver(
      taskQueue: taskQueue, identity: "", kinds: [.activity, .workflow],
      server: GRPCWorkerServer(connection: connection, identity: connection.options.identity), interval: .seconds(5))
  }

  public func refresh() async -> FleetSnapshot {
    await self.queue.refresh()
    let queue = self.queue.current
    var heartbeats: [FleetWorker] = []
    var heartbeatsError: String?
    do {
      heartbeats = try await self.heartbeatWorkers()
    } catch {
      heartbeatsError = "\(error)"
    }
    return FleetSnapshot(
      takenAt: Date(), namespace: self.connection.options.namespace, taskQueue: self.taskQueue, queue: queue,
      workers: Self.merge(heartbeats: heartbeats, queue: queue), heartbeatsError: heartbeatsError)
  }

  /// Heartbeat workers first; a poller the heartbeats do not name (an SDK
  /// that sends none) joins as a worker of its own.
  static func merge(heartbeats: [FleetWorker], queue: TaskQueueServerView) -> [FleetWorker] {
    var byIdentity: [String: FleetWorker] = [:]
    for worker in heartbeats { byIdentity[worker.identity] = worker }
    for (kind, view) in [(PollerGroupSnapshot.TaskKind.activity, queue.activity), (.workflow, queue.workflow)] {
      for poller in view?.pollers ?? [] {
        var worker = byIdentity[poller.identity] ?? FleetWorker(identity: poller.identity)
        if kind == .activity { worker.pollsActivities = true } else { worker.pollsWorkflows = true }
        if let at = poller.lastAccessAt, at > (worker.lastPollAt ?? .distantPast) { worker.lastPollAt = at }
        byIdentity[poller.identity] = worker
      }
    }
    return byIdentity.values.sorted { $0.identity < $1.identity }
  }

  private func heartbeatWorkers() async throws -> [FleetWorker] {
    var workers: [FleetWorker] = []
    var token = Data()
    // A bound on pages, so a server that keeps answering with a token
    // can't hold `gaffer top` forever.
    for _ in 0..<20 {
      var request = Temporal_Api_Workflowservice_V1_ListWorkersRequest()
      request.namespace = self.connection.options.namespace
      request.pageSize = 200
      request.nextPageToken = token
      // The server filters (PROTOCOL.md: ListWorkers' query takes
      // TaskQueue); the check below stays for a name the query can't quote.
      if !self.taskQueue.contains("'") { request.query = "TaskQueue = '\(self.taskQueue)'" }
      let response = try await self.connection.unary(
        WorkflowServiceMethod.ListWorkers.self, request, timeout: .seconds(5), retrying: false)
      workers += response.workersInfo.map(\.workerHeartbeat).filter { $0.taskQueue == self.taskQueue }.map(Self.worker)
      token = response.nextPageToken
      if token.isEmpty { break }
    }
    return workers
  }

  static func worker(_ heartbeat: Temporal_Api_Worker_V1_WorkerHeartbeat) -> FleetWorker {
    func slots(_ info: Temporal_Api_Worker_V1_WorkerSlotsInfo, present: Bool) -> FleetSlots? {
      // -1 available: the worker does not know (a resource-based supplier).
      present
        ? FleetSlots(used: Int(info.currentUsedSlots), available: info.currentAvailableSlots < 0 ? nil : Int(info.currentAvailableSlots))
        : nil
    }
    let status =
      switch heartbeat.status {
      case .running: "RUNNING"
      case .shuttingDown: "SHUTTING_DOWN"
      case .shutdown: "SHUTDOWN"
      case .unspecified, .UNRECOGNIZED: "UNKNOWN"
      }
    let lastPoll = [heartbeat.activityPollerInfo, heartbeat.workflowPollerInfo, heartbeat.workflowStickyPollerInfo]
      .filter(\.hasLastSuccessfulPollTime).map(\.lastSuccessfulPollTime.date).max()
    return FleetWorker(
      identity: heartbeat.workerIdentity,
      heartbeat: FleetHeartbeat(
        instanceKey: heartbeat.workerInstanceKey, host: heartbeat.hostInfo.hostName,
        processID: heartbeat.hostInfo.processID, sdkName: heartbeat.sdkName, sdkVersion: heartbeat.sdkVersion,
        status: status, startedAt: heartbeat.hasStartTime ? heartbeat.startTime.date : nil,
        heartbeatAt: heartbeat.hasHeartbeatTime ? heartbeat.heartbeatTime.date : nil,
        activitySlots: slots(heartbeat.activityTaskSlotsInfo, present: heartbeat.hasActivityTaskSlotsInfo),
        workflowSlots: slots(heartbeat.workflowTaskSlotsInfo, present: heartbeat.hasWorkflowTaskSlotsInfo),
        activityPollers: Int(heartbeat.activityPollerInfo.currentPollers),
        workflowPollers: Int(heartbeat.workflowPollerInfo.currentPollers),
        stickyPollers: Int(heartbeat.workflowStickyPollerInfo.currentPollers),
        stickyCacheSize: Int(heartbeat.currentStickyCacheSize), stickyCacheHits: Int(heartbeat.totalStickyCacheHit),
        stickyCacheMisses: Int(heartbeat.totalStickyCacheMiss)),
      lastPollAt: lastPoll)
  }
}
