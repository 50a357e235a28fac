@testable import GafferCore
import TemporalAPI
import Testing

@Suite("Workflow command machines")
struct WorkflowMachinesTests {
  typealias Event = Temporal_Api_History_V1_HistoryEvent

  /// The machines after the first task: started, one task, its completion.
  private func afterFirstTask(_ history: inout HistoryBuilder) throws -> WorkflowMachines {
    history.started("w")
    history.workflowTask()
    var machines = WorkflowMachines(workflowTaskQueue: "q")
    for event in history.events { _ = try machines.handle(event) }
    return machines
  }

  @Test("an activity: its command matches ActivityTaskScheduled, and its completion resolves it by scheduled event id")
  func activityCompletes() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    let seq = machines.scheduleActivity(type: "noop", input: [json("x")], options: .init())
    #expect(seq == 1)
    guard case .scheduleActivity(let scheduled) = machines.outgoing.first?.command else {
      Issue.record("no schedule command")
      return
    }
    #expect(scheduled.activityID == "1")
    #expect(scheduled.taskQueue == "q")
    #expect(scheduled.options.startToCloseTimeout == ActivityOptions.defaultStartToCloseTimeout)
    let scheduledID = history.activityScheduled(id: "1", type: "noop")
    history.activityCompleted(scheduled: scheduledID, result: json("x"))
    var jobs: [WorkflowJob] = []
    for event in history.events.suffix(3) { jobs += try machines.handle(event) }
    #expect(machines.outgoing.isEmpty)
    #expect(jobs == [.resolveActivity(seq: 1, .completed(json("x")))])
  }

  @Test("a failed activity resolves with the SDKs' wrapper: 'Activity task failed', the activity's identity, the attempt's failure as cause")
  func activityFails() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    _ = machines.scheduleActivity(type: "charge", input: [], options: .init(activityID: "pay"))
    let scheduledID = history.activityScheduled(id: "pay", type: "charge")
    history.activityFailed(scheduled: scheduledID, message: "card declined", type: "CardError")
    var jobs: [WorkflowJob] = []
    for event in history.events.suffix(3) { jobs += try machines.handle(event) }
    guard case .resolveActivity(1, .failed(let failure)) = jobs.first else {
      Issue.record("expected a failure, got \(jobs)")
      return
    }
    #expect(failure.message == "Activity task failed")
    #expect(failure.activityFailureInfo.activityID == "pay")
    #expect(failure.activityFailureInfo.activityType.name == "charge")
    #expect(failure.activityFailureInfo.scheduledEventID == scheduledID)
    #expect(failure.cause.message == "card declined")
    let error = FailureConverter.error(from: failure)
    let activityError = try #require(error as? ActivityError)
    #expect(activityError.retryState == "maximum attempts reached")
    #expect((activityError.cause as? ApplicationError)?.type == "CardError")
  }

  @Test("history has an activity of another type where the code scheduled one: nondeterminism naming the event, both sides")
  func activityTypeMismatch() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    _ = machines.scheduleActivity(type: "noop", input: [], options: .init())
    history.activityScheduled(id: "1", type: "charge")
    let error = #expect(throws: NondeterminismError.self) { try machines.handle(history.events.last!) }
    #expect(error?.eventID == 5)
    #expect(error?.description.contains("history has ScheduleActivityTask (activity id 1, type charge)") == true)
    #expect(error?.description.contains("produced ScheduleActivityTask (activity id 1, type noop)") == true)
  }

  @Test("history has a command event the code did not produce: nondeterminism")
  func missingCommand() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    history.timerStarted(id: "1")
    let error = #expect(throws: NondeterminismError.self) { try machines.handle(history.events.last!) }
    #expect(error?.produced == "no command")
  }

  @Test("a timer where history has an activity: nondeterminism")
  func timerForActivity() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    _ = machines.startTimer(duration: .seconds(1))
    history.activityScheduled(id: "1", type: "noop")
    #expect(throws: NondeterminismError.self) { try machines.handle(history.events.last!) }
  }

  @Test("a command left unmatched when the next task begins is nondeterminism")
  func extraCommand() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    _ = machines.startTimer(duration: .seconds(1))
    #expect(machines.unmatchedCommandError()?.produced == "StartTimer (timer id 1, 1.0 seconds)")
  }

  @Test("cancelling an activity before its command went out drops the command and resolves it cancelled")
  func cancelBeforeSent() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    let seq = machines.scheduleActivity(type: "noop", input: [], options: .init())
    guard case .failed(let failure) = machines.cancelActivity(seq: seq) else {
      Issue.record("not resolved")
      return
    }
    #expect(machines.outgoing.isEmpty)
    #expect(FailureConverter.error(from: failure) is ActivityError)
    #expect((FailureConverter.error(from: failure) as? ActivityError)?.isCancellation == true)
  }

  @Test("try-cancel sends RequestCancelActivityTask and resolves at once; later events of the activity are absorbed")
  func tryCancel() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    let seq = machines.scheduleActivity(type: "noop", input: [], options: .init())
    let scheduledID = history.activityScheduled(id: "1", type: "noop")
    _ = try machines.handle(history.events.last!)
    let resolution = machines.cancelActivity(seq: seq)
    #expect(resolution != nil)
    #expect(machines.outgoing.map(\.command) == [.requestCancelActivity(scheduledEventID: scheduledID)])
    history.workflowTask()
    history.activityCancelRequested(scheduled: scheduledID)
    history.activityCompleted(scheduled: scheduledID, result: json("late"))
    var jobs: [WorkflowJob] = []
    for event in history.events.suffix(6) { jobs += try machines.handle(event) }
    #expect(jobs.isEmpty)
    #expect(machines.outgoing.isEmpty)
  }

  @Test("wait-cancellation-completed sends the request and resolves only when the activity ends")
  func waitCancellationCompleted() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    let seq = machines.scheduleActivity(
      type: "noop", input: [], options: .init(cancellationType: .waitCancellationCompleted))
    let scheduledID = history.activityScheduled(id: "1", type: "noop")
    _ = try machines.handle(history.events.last!)
    let resolution = machines.cancelActivity(seq: seq)
    #expect(resolution == nil)
    history.workflowTask()
    history.activityCancelRequested(scheduled: scheduledID)
    history.activityCompleted(scheduled: scheduledID, result: json("done anyway"))
    var jobs: [WorkflowJob] = []
    for event in history.events.suffix(6) { jobs += try machines.handle(event) }
    #expect(jobs == [.resolveActivity(seq: seq, .completed(json("done anyway")))])
  }

  @Test("abandon resolves at once and sends nothing")
  func abandon() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    let seq = machines.scheduleActivity(type: "noop", input: [], options: .init(cancellationType: .abandon))
    history.activityScheduled(id: "1", type: "noop")
    _ = try machines.handle(history.events.last!)
    let resolution = machines.cancelActivity(seq: seq)
    #expect(resolution != nil)
    #expect(machines.outgoing.isEmpty)
  }

  @Test("a timer: StartTimer matches TimerStarted, TimerFired resolves it; cancelling a started timer sends CancelTimer")
  func timers() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    let first = machines.startTimer(duration: .seconds(5))
    let second = machines.startTimer(duration: .seconds(9))
    #expect([first, second] == [1, 2])
    let startedID = history.timerStarted(id: "1")
    history.timerStarted(id: "2")
    for event in history.events.suffix(2) { _ = try machines.handle(event) }
    let cancelled = machines.cancelTimer(seq: second)
    #expect(cancelled)
    #expect(machines.outgoing.map(\.command) == [.cancelTimer(id: "2")])
    history.timerFired(id: "1", started: startedID)
    history.workflowTask()
    history.timerCanceled(id: "2")
    var jobs: [WorkflowJob] = []
    for event in history.events.suffix(5) { jobs += try machines.handle(event) }
    #expect(jobs == [.fireTimer(seq: first)])
    #expect(machines.outgoing.isEmpty)
  }

  @Test("workflow-closing commands go after the activation's other commands")
  func terminalLast() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    machines.close(with: .completeWorkflow(result: json(1)))
    _ = machines.startTimer(duration: .seconds(1))
    machines.endActivation()
    #expect(machines.outgoing.map(\.command.isTerminal) == [false, true])
  }

  @Test("events must follow one another; a gap is refused")
  func outOfOrder() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    history.signaled("a")
    history.signaled("b")
    #expect(throws: UnsupportedHistoryError.self) { try machines.handle(history.events.last!) }
  }

  @Test("an event the engine does not support fails with its name")
  func unsupported() throws {
    var history = HistoryBuilder()
    var machines = try self.afterFirstTask(&history)
    history.add(.markerRecorded, .markerRecordedEventAttributes(.init()))
    let error = #expect(throws: UnsupportedHistoryError.self) { try machines.handle(history.events.last!) }
    #expect(error?.description.contains("MarkerRecorded") == true)
  }
}
