import Foundation
import Synchronization
import Testing

@testable import GafferCore

@Suite("The server's view of the task queue")
struct TaskQueueObserverTests {
  /// Answers with the next backlog of a script, or fails when it says so.
  final class ScriptedDescriber: TaskQueueDescribing {
    let answers: Mutex<[Int?]>

    init(_ backlogs: [Int?]) {
      self.answers = Mutex(backlogs)
    }

    struct Refused: Error, CustomStringConvertible {
      var description: String { "unavailable: connection refused" }
    }

    func describeTaskQueue(_ name: String, kind: PollerGroupSnapshot.TaskKind) async throws -> TaskQueueDescription {
      guard let backlog = self.answers.withLock({ $0.removeFirst() }) else { throw Refused() }
      return TaskQueueDescription(
        backlog: backlog, backlogAge: .seconds(backlog), addRate: 2, dispatchRate: 1,
        pollers: [("zz@other", nil, 1), ("me@host", Date(), 3), ("aa@other", nil, 1)])
    }
  }

  @Test("the trend follows the backlog from one answer to the next; a failed ask keeps the last answer and says why")
  func trendAndErrors() async {
    let observer = TaskQueueObserver(
      taskQueue: "q", identity: "me@host", kinds: [.activity], server: ScriptedDescriber([0, 5, 5, nil, 3]),
      interval: .seconds(5))
    #expect(observer.current.answeredAt == nil)
    var trends: [TaskQueueKindView.Trend?] = []
    for _ in 0..<5 {
      await observer.refresh()
      trends.append(observer.current.activity?.trend)
    }
    #expect(trends == [nil, .rising, .steady, .steady, .falling])
    let view = observer.current
    #expect(view.error == nil && view.activity?.backlog == 3 && view.workflow == nil)
    #expect(view.activity?.pollers.map(\.identity) == ["me@host", "aa@other", "zz@other"], "this worker first")
    #expect(view.activity?.seesThisWorker == true && view.activity?.otherPollers.count == 2)
  }

  @Test("a failed ask is shown with the last answer kept")
  func failure() async {
    let observer = TaskQueueObserver(
      taskQueue: "q", identity: "me@host", kinds: [.activity], server: ScriptedDescriber([7, nil]), interval: .seconds(5))
    await observer.refresh()
    await observer.refresh()
    let view = observer.current
    #expect(view.error == "unavailable: connection refused")
    #expect(view.activity?.backlog == 7 && view.answeredAt != nil && view.askedAt! >= view.answeredAt!)
  }
}
