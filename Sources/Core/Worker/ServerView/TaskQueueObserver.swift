internal import Foundation
internal import Logging
internal import Synchronization

/// Asks the server about the worker's task queue every `interval`, off the
/// hot path (one DescribeTaskQueue per kind, none while nobody polls), and
/// keeps the latest view for the snapshot. A failed ask is shown, not
/// retried sooner: the next interval is the retry.
final class TaskQueueObserver: Sendable {
  let taskQueue: String
  let identity: String
  let kinds: [PollerGroupSnapshot.TaskKind]
  private let server: any TaskQueueDescribing
  private let interval: Duration
  private let view = Mutex(TaskQueueServerView())

  init(
    taskQueue: String, identity: String, kinds: [PollerGroupSnapshot.TaskKind], server: any TaskQueueDescribing,
    interval: Duration
  ) {
    self.taskQueue = taskQueue
    self.identity = identity
    self.kinds = kinds
    self.server = server
    self.interval = interval
  }

  var current: TaskQueueServerView { self.view.withLock { $0 } }

  /// Asks now, then every interval, until the task is cancelled.
  func run() async {
    while !Task.isCancelled {
      await self.refresh()
      do {
        try await Task.sleep(for: self.interval)
      } catch {
        return
      }
    }
  }

  func refresh() async {
    let asked = Date()
    var answers: [PollerGroupSnapshot.TaskKind: TaskQueueDescription] = [:]
    do {
      for kind in self.kinds {
        answers[kind] = try await self.server.describeTaskQueue(self.taskQueue, kind: kind)
      }
    } catch {
      // Stopped (the drain is over): the last view stays as it was.
      if error is CancellationError || Task.isCancelled { return }
      self.view.withLock { view in
        view.askedAt = asked
        view.error = "\(error)"
      }
      return
    }
    self.view.withLock { view in
      view.askedAt = asked
      view.answeredAt = Date()
      view.error = nil
      if let answer = answers[.activity] { view.activity = self.kindView(answer, previous: view.activity) }
      if let answer = answers[.workflow] { view.workflow = self.kindView(answer, previous: view.workflow) }
    }
  }

  private func kindView(_ answer: TaskQueueDescription, previous: TaskQueueKindView?) -> TaskQueueKindView {
    let trend: TaskQueueKindView.Trend? = previous.map { previous in
      answer.backlog > previous.backlog ? .rising : answer.backlog < previous.backlog ? .falling : .steady
    }
    let pollers = answer.pollers
      .map { ServerPoller(identity: $0.identity, lastAccessAt: $0.lastAccessAt, ratePerSecond: $0.ratePerSecond, isThisWorker: $0.identity == self.identity) }
      .sorted { ($0.isThisWorker ? 0 : 1, $0.identity) < ($1.isThisWorker ? 0 : 1, $1.identity) }
    return TaskQueueKindView(
      backlog: answer.backlog, backlogAge: answer.backlogAge, addRate: answer.addRate,
      dispatchRate: answer.dispatchRate, trend: trend, pollers: pollers)
  }
}

extension Worker {
  /// The observer runs through the drain (an operator watches the backlog
  /// move to other workers) and stops once nothing is left to run or report.
  func observeTaskQueue(_ observer: TaskQueueObserver) async {
    await withTaskGroup(of: Void.self) { race in
      race.addTask { await observer.run() }
      race.addTask { _ = try? await self.drained.wait() }
      await race.next()
      race.cancelAll()
    }
  }
}
