internal import Foundation
internal import SwiftProtobuf
internal import TemporalAPI

extension GRPCWorkerServer: TaskQueueDescribing {
  func describeTaskQueue(_ name: String, kind: PollerGroupSnapshot.TaskKind) async throws -> TaskQueueDescription {
    var request = Temporal_Api_Workflowservice_V1_DescribeTaskQueueRequest()
    request.namespace = self.namespace
    request.taskQueue.name = name
    request.taskQueue.kind = .normal
    request.taskQueueType = kind == .activity ? .activity : .workflow
    request.reportStats = true
    // Not retried: the observer's next interval is the retry, and an
    // outage must not queue asks behind the worker's own calls.
    let response = try await self.connection.unary(
      WorkflowServiceMethod.DescribeTaskQueue.self, request, timeout: .seconds(5), retrying: false)
    let stats = response.stats
    return TaskQueueDescription(
      backlog: Int(stats.approximateBacklogCount), backlogAge: stats.approximateBacklogAge.duration,
      addRate: Double(stats.tasksAddRate), dispatchRate: Double(stats.tasksDispatchRate),
      pollers: response.pollers.map {
        (identity: $0.identity, lastAccessAt: $0.hasLastAccessTime ? $0.lastAccessTime.date : nil, ratePerSecond: $0.ratePerSecond)
      })
  }
}
