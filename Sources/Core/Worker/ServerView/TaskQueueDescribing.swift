internal import Foundation

/// DescribeTaskQueue for one kind of the worker's queue, with stats.
protocol TaskQueueDescribing: Sendable {
  func describeTaskQueue(_ name: String, kind: PollerGroupSnapshot.TaskKind) async throws -> TaskQueueDescription
}

/// The server's answer, before it is compared with the previous one.
struct TaskQueueDescription: Sendable, Equatable {
  var backlog: Int
  var backlogAge: Duration
  var addRate: Double
  var dispatchRate: Double
  var pollers: [(identity: String, lastAccessAt: Date?, ratePerSecond: Double)]

  static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.backlog == rhs.backlog && lhs.backlogAge == rhs.backlogAge && lhs.addRate == rhs.addRate
      && lhs.dispatchRate == rhs.dispatchRate
      && lhs.pollers.map(\.identity) == rhs.pollers.map(\.identity)
  }
}
