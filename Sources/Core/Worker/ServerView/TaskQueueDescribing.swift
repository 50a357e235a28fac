internal import Foundation

/// DescribeTaskQueue for one kind of the worker's queue, with stats.
protocol TaskQueueDescribing: Sendable {
  func describeTaskQueue(_ name: String, kind: PollerGroupSnapshot.TaskKind) async throws -> TaskQueueDescription
}

/// The server's answer, before it is compared with the previous one.
struct TaskQueueDescription: Sendable {
  var backlog: Int
  var backlogAge: Duration
  var addRate: Double
  var dispatchRate: Double
  var pollers: [(identity: String, lastAccessAt: Date?, ratePerSecond: Double)]
}
