internal import Foundation
internal import TemporalAPI

/// The command state machines of one workflow run and the queue of commands
/// its code produced: events in, jobs and resolutions out, no I/O.
///
/// Each command event in history takes the front of the queue, which must
/// be the same command (type and ids); anything else is nondeterminism. Once
/// matched, later events find their machine by the command event's id.
struct WorkflowMachines: Sendable {
  enum Owner: Sendable, Equatable {
    case activity(seq: Int)
    case timer(seq: Int)
    case workflow
  }

  struct Outgoing: Sendable, Equatable {
    var command: WorkflowCommand
    var owner: Owner
  }

  let workflowTaskQueue: String
  /// Commands produced and not yet matched by their event, oldest first.
  private(set) var outgoing: [Outgoing] = []
  private var activities: [Int: ActivityMachine] = [:]
  private var timers: [Int: TimerMachine] = [:]
  private var activityByScheduledEventID: [Int64: Int] = [:]
  private var timerByID: [String: Int] = [:]
  private var nextActivitySeq = 1
  private var nextTimerSeq = 1
  /// The last event applied; history must continue from the next id.
  private(set) var lastEventID: Int64 = 0
  /// A workflow-closing command was produced; nothing may follow it.
  private(set) var isClosed = false

  init(workflowTaskQueue: String) {
    self.workflowTaskQueue = workflowTaskQueue
  }

  // MARK: Commands from the code

  mutating func scheduleActivity(type: String, input: [Payload], options: ActivityOptions) -> Int {
    let seq = self.nextActivitySeq
    self.nextActivitySeq += 1
    var options = options
    if options.startToCloseTimeout == nil && options.scheduleToCloseTimeout == nil {
      options.startToCloseTimeout = ActivityOptions.defaultStartToCloseTimeout
    }
    let activity = WorkflowCommand.ScheduledActivity(
      activityID: options.activityID ?? String(seq), activityType: type,
      taskQueue: options.taskQueue ?? self.workflowTaskQueue, input: input, options: options)
    self.activities[seq] = ActivityMachine(seq: seq, activity: activity)
    self.outgoing.append(Outgoing(command: .scheduleActivity(activity), owner: .activity(seq: seq)))
    return seq
  }

  /// Cancels an activity; returns the resolution the code gets now, if any
  /// (the rest of the cancellation types resolve on a later event).
  mutating func cancelActivity(seq: Int) -> ActivityResolution? {
    guard var machine = self.activities[seq] else { return nil }
    let action = machine.cancel()
    self.activities[seq] = machine
    switch action {
    case .none:
      return nil
    case .dropCommand(let resolution):
      self.outgoing.removeAll { $0.owner == .activity(seq: seq) }
      return resolution
    case .abandon(let resolution):
      return resolution
    case .requestCancel(let scheduledEventID, let resolveNow):
      self.outgoing.append(
        Outgoing(command: .requestCancelActivity(scheduledEventID: scheduledEventID), owner: .activity(seq: seq)))
      return resolveNow
    }
  }

  mutating func startTimer(duration: Duration) -> Int {
    let seq = self.nextTimerSeq
    self.nextTimerSeq += 1
    let machine = TimerMachine(seq: seq)
    self.timers[seq] = machine
    self.outgoing.append(
      Outgoing(command: .startTimer(id: machine.timerID, duration: duration), owner: .timer(seq: seq)))
    return seq
  }

  /// Cancels a timer; true if the code was still waiting (it is resolved as
  /// cancelled now).
  mutating func cancelTimer(seq: Int) -> Bool {
    guard var machine = self.timers[seq] else { return false }
    let action = machine.cancel()
    self.timers[seq] = machine
    switch action {
    case .none:
      return false
    case .dropCommand:
      self.outgoing.removeAll { $0.owner == .timer(seq: seq) }
    case .cancelTimer:
      self.outgoing.append(Outgoing(command: .cancelTimer(id: machine.timerID), owner: .timer(seq: seq)))
    }
    return true
  }

  /// Completes, fails or cancels the workflow; the first one counts.
  mutating func close(with command: WorkflowCommand) {
    precondition(command.isTerminal, "close takes a workflow-closing command")
    guard !self.isClosed else { return }
    self.isClosed = true
    self.outgoing.append(Outgoing(command: command, owner: .workflow))
  }

  /// The end of an activation: workflow-closing commands go last, whatever
  /// order the code produced them in.
  mutating func endActivation() {
    let terminal = self.outgoing.filter { $0.command.isTerminal }
    guard !terminal.isEmpty else { return }
    self.outgoing.removeAll { $0.command.isTerminal }
    self.outgoing.append(contentsOf: terminal)
  }

  /// An activation begins: every command of the previous one must have met
  /// its event by now; the first that did not, as nondeterminism.
  func unmatchedCommandError() -> NondeterminismError? {
    self.outgoing.first.map {
      NondeterminismError(
        eventID: self.lastEventID, expected: "no further command before this workflow task",
        produced: $0.command.summary)
    }
  }

  // MARK: Events from history

  /// Applies one event; returns the jobs it brings for the code.
  mutating func handle(_ event: Temporal_Api_History_V1_HistoryEvent) throws -> [WorkflowJob] {
    if self.lastEventID != 0 && event.eventID != self.lastEventID + 1 {
      throw UnsupportedHistoryError(
        eventID: event.eventID, eventType: "out of order (expected event \(self.lastEventID + 1))")
    }
    self.lastEventID = event.eventID
    switch event.attributes {
    case .workflowExecutionStartedEventAttributes(let attributes):
      return [
        .start(
          WorkflowStart(
            workflowType: attributes.workflowType.name, taskQueue: attributes.taskQueue.name,
            input: [Payload](attributes.input), attempt: Int(max(attributes.attempt, 1)),
            randomSeed: Self.seed(attributes.originalExecutionRunID),
            startTime: event.eventTime.date))
      ]
    case .workflowExecutionSignaledEventAttributes(let attributes):
      return [.signal(name: attributes.signalName, input: [Payload](attributes.input))]
    case .workflowExecutionCancelRequestedEventAttributes:
      return [.cancelRequested]
    case .workflowTaskScheduledEventAttributes, .workflowTaskStartedEventAttributes,
      .workflowTaskCompletedEventAttributes, .workflowTaskFailedEventAttributes,
      .workflowTaskTimedOutEventAttributes, .workflowExecutionTerminatedEventAttributes,
      .workflowExecutionTimedOutEventAttributes, .workflowPropertiesModifiedExternallyEventAttributes,
      .activityPropertiesModifiedExternallyEventAttributes, .workflowExecutionOptionsUpdatedEventAttributes:
      return []
    case .activityTaskScheduledEventAttributes(let attributes):
      let seq = try self.matchActivity(event, attributes)
      self.activityByScheduledEventID[event.eventID] = seq
      return []
    case .activityTaskCancelRequestedEventAttributes(let attributes):
      let described = "RequestCancelActivityTask (scheduled event \(attributes.scheduledEventID))"
      _ = try self.matchFront(event, described: described) {
        if case .requestCancelActivity(attributes.scheduledEventID) = $0 { true } else { false }
      }
      return []
    case .activityTaskStartedEventAttributes(let attributes):
      return try self.activityEvent(event, scheduledEventID: attributes.scheduledEventID)
    case .activityTaskCompletedEventAttributes(let attributes):
      return try self.activityEvent(event, scheduledEventID: attributes.scheduledEventID)
    case .activityTaskFailedEventAttributes(let attributes):
      return try self.activityEvent(event, scheduledEventID: attributes.scheduledEventID)
    case .activityTaskTimedOutEventAttributes(let attributes):
      return try self.activityEvent(event, scheduledEventID: attributes.scheduledEventID)
    case .activityTaskCanceledEventAttributes(let attributes):
      return try self.activityEvent(event, scheduledEventID: attributes.scheduledEventID)
    case .timerStartedEventAttributes(let attributes):
      let owner = try self.matchFront(event, described: "StartTimer (timer id \(attributes.timerID))") {
        if case .startTimer(attributes.timerID, _) = $0 { true } else { false }
      }
      if case .timer(let seq) = owner {
        self.timerByID[attributes.timerID] = seq
        self.timers[seq]?.started()
      }
      return []
    case .timerFiredEventAttributes(let attributes):
      guard let seq = self.timerByID[attributes.timerID] else {
        throw NondeterminismError(
          eventID: event.eventID, expected: "TimerFired (timer id \(attributes.timerID))",
          produced: "no timer with that id")
      }
      self.timerByID[attributes.timerID] = nil
      return self.timers[seq]?.fired() == true ? [.fireTimer(seq: seq)] : []
    case .timerCanceledEventAttributes(let attributes):
      _ = try self.matchFront(event, described: "CancelTimer (timer id \(attributes.timerID))") {
        if case .cancelTimer(attributes.timerID) = $0 { true } else { false }
      }
      self.timerByID[attributes.timerID] = nil
      return []
    case .workflowExecutionCompletedEventAttributes:
      _ = try self.matchFront(event, described: "CompleteWorkflowExecution") {
        if case .completeWorkflow = $0 { true } else { false }
      }
      return []
    case .workflowExecutionFailedEventAttributes:
      _ = try self.matchFront(event, described: "FailWorkflowExecution") {
        if case .failWorkflow = $0 { true } else { false }
      }
      return []
    case .workflowExecutionCanceledEventAttributes:
      _ = try self.matchFront(event, described: "CancelWorkflowExecution") {
        if case .cancelWorkflow = $0 { true } else { false }
      }
      return []
    case .none:
      if event.workerMayIgnore { return [] }
      throw UnsupportedHistoryError(eventID: event.eventID, eventType: "an event type unknown to this worker")
    default:
      throw UnsupportedHistoryError(eventID: event.eventID, eventType: Self.typeName(event))
    }
  }

  private mutating func matchActivity(
    _ event: Temporal_Api_History_V1_HistoryEvent,
    _ attributes: Temporal_Api_History_V1_ActivityTaskScheduledEventAttributes
  ) throws(NondeterminismError) -> Int {
    let described = "ScheduleActivityTask (activity id \(attributes.activityID), type \(attributes.activityType.name))"
    let owner = try self.matchFront(event, described: described) {
      if case .scheduleActivity(let activity) = $0 {
        activity.activityID == attributes.activityID && activity.activityType == attributes.activityType.name
      } else {
        false
      }
    }
    guard case .activity(let seq) = owner else { preconditionFailure("a schedule command owned by a non-activity") }
    self.activities[seq]?.scheduled(eventID: event.eventID)
    return seq
  }

  private mutating func activityEvent(
    _ event: Temporal_Api_History_V1_HistoryEvent, scheduledEventID: Int64
  ) throws(NondeterminismError) -> [WorkflowJob] {
    guard let seq = self.activityByScheduledEventID[scheduledEventID], var machine = self.activities[seq] else {
      throw NondeterminismError(
        eventID: event.eventID, expected: "\(Self.typeName(event)) for scheduled event \(scheduledEventID)",
        produced: "no activity scheduled at that event")
    }
    let resolution = machine.handle(event)
    self.activities[seq] = machine
    switch event.attributes {
    case .activityTaskCompletedEventAttributes, .activityTaskFailedEventAttributes,
      .activityTaskTimedOutEventAttributes, .activityTaskCanceledEventAttributes:
      self.activityByScheduledEventID[scheduledEventID] = nil
    default:
      break
    }
    return resolution.map { [.resolveActivity(seq: seq, $0)] } ?? []
  }

  /// Takes the front of the queue for a command event, which must match.
  private mutating func matchFront(
    _ event: Temporal_Api_History_V1_HistoryEvent,
    described: String,
    _ matches: (WorkflowCommand) -> Bool
  ) throws(NondeterminismError) -> Owner {
    guard let front = self.outgoing.first else {
      throw NondeterminismError(eventID: event.eventID, expected: described, produced: "no command")
    }
    guard matches(front.command) else {
      throw NondeterminismError(eventID: event.eventID, expected: described, produced: front.command.summary)
    }
    self.outgoing.removeFirst()
    return front.owner
  }

  /// "ActivityTaskCompleted" for an event, as Temporal's UI names it.
  static func typeName(_ event: Temporal_Api_History_V1_HistoryEvent) -> String {
    let name = String(describing: event.eventType)
    return name.prefix(1).uppercased() + name.dropFirst()
  }

  /// FNV-1a over the run id: stable across processes and platforms, unlike
  /// `Hasher`, which is seeded per process.
  static func seed(_ runID: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in runID.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }
}
