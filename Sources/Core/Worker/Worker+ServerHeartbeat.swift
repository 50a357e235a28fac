internal import Foundation
internal import SwiftProtobuf
internal import TemporalAPI

/// RecordWorkerHeartbeat: when the namespace offers worker heartbeats, the
/// server learns this worker's slots, pollers and counters every interval,
/// so `temporal worker list` / `describe` show what the console shows. The
/// status goes RUNNING → SHUTTING_DOWN; the last heartbeat rides on
/// ShutdownWorker.
extension Worker {
  func sendWorkerHeartbeats() async {
    guard self.server.namespaceInfo.capabilities.workerHeartbeats,
      let interval = self.options.workerHeartbeatInterval
    else { return }
    var previous: WorkerHeartbeatMark?
    while true {
      let heartbeat = self.workerHeartbeat(status: .running, since: previous)
      previous = heartbeat.mark
      do {
        try await self.record(heartbeat.message)
      } catch is CancellationError {
        return
      } catch let error as ConnectionError where error.code == .unimplemented {
        self.logger.info("the server does not take worker heartbeats; not sending them")
        return
      } catch {
        // The next interval tries again; the server expires a silent worker by TTL.
        self.logger.debug("worker heartbeat not delivered", metadata: ["error": "\(error)"])
      }
      enum Wake: Sendable { case tick, shutdown }
      let wake = await withTaskGroup(of: Wake?.self) { race in
        race.addTask { (try? await Task.sleep(for: interval)) == nil ? nil : .tick }
        race.addTask { (try? await self.shutdownStarted.wait()) == nil ? nil : .shutdown }
        let first = await race.next() ?? nil
        race.cancelAll()
        return first
      }
      // Shutdown: the final heartbeat goes with ShutdownWorker.
      guard wake == .tick else { return }
    }
  }

  /// Once the drain is over: status SHUTDOWN, so `temporal worker list`
  /// shows the worker as gone rather than still shutting down. Best effort.
  func sendShutdownWorkerHeartbeat() async {
    guard self.server.namespaceInfo.capabilities.workerHeartbeats, self.options.workerHeartbeatInterval != nil
    else { return }
    do {
      try await self.record(self.workerHeartbeat(status: .shutdown, since: nil).message, timeout: .seconds(2))
    } catch {
      self.logger.debug("final worker heartbeat not delivered", metadata: ["error": "\(error)"])
    }
  }

  /// One RecordWorkerHeartbeat call, not retried: the next interval is the retry.
  private func record(_ heartbeat: Temporal_Api_Worker_V1_WorkerHeartbeat, timeout: Duration? = nil) async throws {
    try await self.server.recordWorkerHeartbeat(heartbeat, timeout: timeout)
  }

  /// The heartbeat ShutdownWorker carries, if the namespace takes them.
  func finalWorkerHeartbeat() -> Temporal_Api_Worker_V1_WorkerHeartbeat? {
    guard self.server.namespaceInfo.capabilities.workerHeartbeats, self.options.workerHeartbeatInterval != nil
    else { return nil }
    return self.workerHeartbeat(status: .shuttingDown, since: nil).message
  }

  private func workerHeartbeat(
    status: Temporal_Api_Enums_V1_WorkerStatus,
    since previous: WorkerHeartbeatMark?
  ) -> (message: Temporal_Api_Worker_V1_WorkerHeartbeat, mark: WorkerHeartbeatMark) {
    let snapshot = self.snapshot()
    let counters = snapshot.counters
    let mark = WorkerHeartbeatMark(
      at: snapshot.takenAt,
      processed: counters.completed + counters.failed + counters.cancelled,
      failed: counters.failed)
    var heartbeat = Temporal_Api_Worker_V1_WorkerHeartbeat()
    heartbeat.workerInstanceKey = self.workerInstanceKey
    heartbeat.workerIdentity = self.identity
    heartbeat.taskQueue = self.taskQueue
    heartbeat.sdkName = Gaffer.clientName
    heartbeat.sdkVersion = Gaffer.version
    heartbeat.status = status
    if let startedAt = snapshot.startedAt { heartbeat.startTime = Google_Protobuf_Timestamp(date: startedAt) }
    heartbeat.heartbeatTime = Google_Protobuf_Timestamp(date: snapshot.takenAt)
    if let previous {
      heartbeat.elapsedSinceLastHeartbeat = Google_Protobuf_Duration(
        .milliseconds(Int64(snapshot.takenAt.timeIntervalSince(previous.at) * 1000)))
    }
    var host = Temporal_Api_Worker_V1_WorkerHostInfo()
    host.hostName = ProcessInfo.processInfo.hostName
    host.processID = "\(ProcessInfo.processInfo.processIdentifier)"
    let usage = HostUsage.shared.sample()
    host.currentHostCpuUsage = usage.cpu
    host.currentHostMemUsage = usage.memory
    heartbeat.hostInfo = host

    var slots = Temporal_Api_Worker_V1_WorkerSlotsInfo()
    // As sdk-core counts them: used = a task runs in it; available = the
    // rest, slots held by open polls included (its unused claimants).
    slots.currentUsedSlots = Int32(clamping: snapshot.activitySlots.running)
    slots.currentAvailableSlots = Int32(
      clamping: max(0, snapshot.activitySlots.maximum - snapshot.activitySlots.running))
    slots.slotSupplierKind = "Fixed"
    slots.totalProcessedTasks = Int32(clamping: mark.processed)
    slots.totalFailedTasks = Int32(clamping: mark.failed)
    slots.lastIntervalProcessedTasks = Int32(clamping: mark.processed - (previous?.processed ?? 0))
    slots.lastIntervalFailureTasks = Int32(clamping: mark.failed - (previous?.failed ?? 0))
    heartbeat.activityTaskSlotsInfo = slots

    var pollers = Temporal_Api_Worker_V1_WorkerPollerInfo()
    pollers.currentPollers = Int32(clamping: snapshot.activityPollers.pollers.count)
    pollers.isAutoscaling = snapshot.activityPollers.autoscaling != nil
    if let last = snapshot.activityPollers.lastTaskAt {
      pollers.lastSuccessfulPollTime = Google_Protobuf_Timestamp(date: last)
    }
    heartbeat.activityPollerInfo = pollers
    if let workflows = snapshot.workflows { Self.addWorkflowSide(workflows, to: &heartbeat) }
    return (heartbeat, mark)
  }

  /// The workflow side's slots, pollers (normal and sticky) and cache.
  private static func addWorkflowSide(
    _ workflows: WorkflowTasksSnapshot, to heartbeat: inout Temporal_Api_Worker_V1_WorkerHeartbeat
  ) {
    var slots = Temporal_Api_Worker_V1_WorkerSlotsInfo()
    slots.currentUsedSlots = Int32(clamping: workflows.slotsRunning)
    slots.currentAvailableSlots = Int32(clamping: max(0, workflows.slotsMaximum - workflows.slotsRunning))
    slots.slotSupplierKind = "Fixed"
    slots.totalProcessedTasks = Int32(clamping: workflows.counters.completed + workflows.counters.failed)
    slots.totalFailedTasks = Int32(clamping: workflows.counters.failed)
    heartbeat.workflowTaskSlotsInfo = slots
    var normal = Temporal_Api_Worker_V1_WorkerPollerInfo()
    normal.currentPollers = Int32(clamping: workflows.normalPollers)
    heartbeat.workflowPollerInfo = normal
    var sticky = Temporal_Api_Worker_V1_WorkerPollerInfo()
    sticky.currentPollers = Int32(clamping: workflows.stickyPollers)
    heartbeat.workflowStickyPollerInfo = sticky
    heartbeat.totalStickyCacheHit = Int32(clamping: workflows.cacheHits)
    heartbeat.totalStickyCacheMiss = Int32(clamping: workflows.cacheMisses)
    heartbeat.currentStickyCacheSize = Int32(clamping: workflows.cacheSize)
  }
}

/// What one heartbeat said, so the next can report the interval between.
struct WorkerHeartbeatMark: Sendable {
  var at: Date
  var processed: Int
  var failed: Int
}
