public import Foundation

/// What the server says about the worker's task queue (DescribeTaskQueue
/// with stats), asked every few seconds beside the worker: the backlog the
/// worker's own numbers cannot show, and every poller the server sees.
public struct TaskQueueServerView: Hashable, Sendable, Codable {
  /// When the server was last asked; nil before the first time.
  public var askedAt: Date?
  /// When it last answered.
  public var answeredAt: Date?
  /// Why the last ask failed; nil when it answered.
  public var error: String?
  public var activity: TaskQueueKindView?
  /// Nil when the worker runs no workflows.
  public var workflow: TaskQueueKindView?

  public init(
    askedAt: Date? = nil, answeredAt: Date? = nil, error: String? = nil, activity: TaskQueueKindView? = nil,
    workflow: TaskQueueKindView? = nil
  ) {
    self.askedAt = askedAt
    self.answeredAt = answeredAt
    self.error = error
    self.activity = activity
    self.workflow = workflow
  }
}

/// One kind of the queue (activity or workflow tasks), as the server sees it.
public struct TaskQueueKindView: Hashable, Sendable, Codable {
  /// Tasks waiting for a poller (approximate, as the server counts them).
  public var backlog: Int
  /// How long the oldest of them has waited.
  public var backlogAge: Duration
  /// Tasks added and dispatched per second, over the server's recent window.
  public var addRate: Double
  public var dispatchRate: Double
  /// Compared with the previous answer; nil for the first one.
  public var trend: Trend?
  /// Every poller the server has seen lately, this worker's included.
  public var pollers: [ServerPoller]

  public enum Trend: String, Hashable, Sendable, Codable {
    case rising
    case falling
    case steady
  }

  public init(
    backlog: Int, backlogAge: Duration, addRate: Double, dispatchRate: Double, trend: Trend? = nil,
    pollers: [ServerPoller]
  ) {
    self.backlog = backlog
    self.backlogAge = backlogAge
    self.addRate = addRate
    self.dispatchRate = dispatchRate
    self.trend = trend
    self.pollers = pollers
  }

  /// Whether the server counts this worker among the queue's pollers.
  public var seesThisWorker: Bool { self.pollers.contains { $0.isThisWorker } }
  /// Pollers of other workers.
  public var otherPollers: [ServerPoller] { self.pollers.filter { !$0.isThisWorker } }
}

/// A poller as the server reports it: by identity, so one per worker process.
public struct ServerPoller: Hashable, Sendable, Codable {
  public var identity: String
  public var lastAccessAt: Date?
  public var ratePerSecond: Double
  /// Its identity is this worker's.
  public var isThisWorker: Bool

  public init(identity: String, lastAccessAt: Date?, ratePerSecond: Double, isThisWorker: Bool) {
    self.identity = identity
    self.lastAccessAt = lastAccessAt
    self.ratePerSecond = ratePerSecond
    self.isThisWorker = isThisWorker
  }
}
