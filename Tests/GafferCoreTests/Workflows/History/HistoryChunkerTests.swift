@testable import GafferCore
import Testing

@Suite("History chunking")
struct HistoryChunkerTests {
  @Test("a task per completed WorkflowTaskStarted; the last one, not yet completed, is the current task")
  func completedAndCurrent() {
    var history = HistoryBuilder()
    history.started("w")
    history.workflowTask()
    history.timerStarted(id: "1")
    history.timerFired(id: "1", started: 5)
    history.workflowTask(completed: false)
    let chunks = HistoryChunker.chunks(history.events)
    #expect(chunks.count == 2)
    #expect(chunks.map { $0.events.map(\.eventID) } == [[1, 2, 3], [4, 5, 6, 7, 8]])
    #expect(chunks.map { $0.activation?.startedEventID } == [3, 8])
    #expect(chunks.map { $0.activation?.isReplaying } == [true, false])
  }

  @Test("a failed workflow task is skipped: its events fold into the next task")
  func failedTaskSkipped() {
    var history = HistoryBuilder()
    history.started("w")
    history.failedWorkflowTask()
    history.workflowTask()
    let chunks = HistoryChunker.chunks(history.events)
    #expect(chunks.map { $0.activation?.startedEventID } == [6, nil])
    #expect(chunks[0].events.count == 6)
  }

  @Test("a task completed with no commands and followed at once by the next one merges with it")
  func heartbeatMerged() {
    var history = HistoryBuilder()
    history.started("w")
    history.workflowTask()
    history.workflowTask()
    let chunks = HistoryChunker.chunks(history.events)
    #expect(chunks.map { $0.activation?.startedEventID } == [6, nil])
  }

  @Test("events after the last completed task form a tail with no activation")
  func tail() {
    var history = HistoryBuilder()
    history.started("w")
    history.workflowTask()
    history.completed(result: json(1))
    let chunks = HistoryChunker.chunks(history.events)
    #expect(chunks.count == 2)
    #expect(chunks[1].activation == nil)
    #expect(chunks[1].events.map(\.eventID) == [4, 5])
  }
}
