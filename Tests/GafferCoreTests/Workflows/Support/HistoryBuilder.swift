import Foundation
@testable import GafferCore
import SwiftProtobuf
import TemporalAPI

/// Builds a workflow history event by event, as the server writes it, with
/// ids in sequence; for tests of the machines, the chunker and the run.
struct HistoryBuilder {
  typealias Event = Temporal_Api_History_V1_HistoryEvent
  private(set) var events: [Event] = []
  private var clock = Date(timeIntervalSince1970: 1_700_000_000)

  var lastEventID: Int64 { self.events.last?.eventID ?? 0 }

  @discardableResult
  mutating func add(_ type: Temporal_Api_Enums_V1_EventType, _ attributes: Event.OneOf_Attributes) -> Int64 {
    var event = Event()
    event.eventID = self.lastEventID + 1
    event.eventType = type
    self.clock += 1
    event.eventTime = Google_Protobuf_Timestamp(date: self.clock)
    event.attributes = attributes
    self.events.append(event)
    return event.eventID
  }

  mutating func started(_ workflowType: String, input: [Payload] = [], taskQueue: String = "q") {
    var attributes = Temporal_Api_History_V1_WorkflowExecutionStartedEventAttributes()
    attributes.workflowType.name = workflowType
    attributes.taskQueue.name = taskQueue
    attributes.input = input.proto
    attributes.attempt = 1
    attributes.originalExecutionRunID = "run-1"
    self.add(.workflowExecutionStarted, .workflowExecutionStartedEventAttributes(attributes))
  }

  /// WorkflowTaskScheduled + Started; `completed` adds WorkflowTaskCompleted.
  mutating func workflowTask(completed: Bool = true) {
    self.add(.workflowTaskScheduled, .workflowTaskScheduledEventAttributes(.init()))
    self.add(.workflowTaskStarted, .workflowTaskStartedEventAttributes(.init()))
    if completed { self.add(.workflowTaskCompleted, .workflowTaskCompletedEventAttributes(.init())) }
  }

  mutating func workflowTaskCompleted() {
    self.add(.workflowTaskCompleted, .workflowTaskCompletedEventAttributes(.init()))
  }

  mutating func failedWorkflowTask() {
    self.add(.workflowTaskScheduled, .workflowTaskScheduledEventAttributes(.init()))
    self.add(.workflowTaskStarted, .workflowTaskStartedEventAttributes(.init()))
    self.add(.workflowTaskFailed, .workflowTaskFailedEventAttributes(.init()))
  }

  @discardableResult
  mutating func activityScheduled(id: String, type: String) -> Int64 {
    var attributes = Temporal_Api_History_V1_ActivityTaskScheduledEventAttributes()
    attributes.activityID = id
    attributes.activityType.name = type
    return self.add(.activityTaskScheduled, .activityTaskScheduledEventAttributes(attributes))
  }

  mutating func activityCompleted(scheduled: Int64, result: Payload) {
    var started = Temporal_Api_History_V1_ActivityTaskStartedEventAttributes()
    started.scheduledEventID = scheduled
    let startedID = self.add(.activityTaskStarted, .activityTaskStartedEventAttributes(started))
    var attributes = Temporal_Api_History_V1_ActivityTaskCompletedEventAttributes()
    attributes.scheduledEventID = scheduled
    attributes.startedEventID = startedID
    attributes.result = [result].proto
    self.add(.activityTaskCompleted, .activityTaskCompletedEventAttributes(attributes))
  }

  mutating func activityFailed(scheduled: Int64, message: String, type: String) {
    var started = Temporal_Api_History_V1_ActivityTaskStartedEventAttributes()
    started.scheduledEventID = scheduled
    let startedID = self.add(.activityTaskStarted, .activityTaskStartedEventAttributes(started))
    var attributes = Temporal_Api_History_V1_ActivityTaskFailedEventAttributes()
    attributes.scheduledEventID = scheduled
    attributes.startedEventID = startedID
    attributes.failure.message = message
    attributes.failure.applicationFailureInfo.type = type
    attributes.retryState = .maximumAttemptsReached
    self.add(.activityTaskFailed, .activityTaskFailedEventAttributes(attributes))
  }

  mutating func activityCancelRequested(scheduled: Int64) {
    var attributes = Temporal_Api_History_V1_ActivityTaskCancelRequestedEventAttributes()
    attributes.scheduledEventID = scheduled
    self.add(.activityTaskCancelRequested, .activityTaskCancelRequestedEventAttributes(attributes))
  }

  @discardableResult
  mutating func timerStarted(id: String) -> Int64 {
    var attributes = Temporal_Api_History_V1_TimerStartedEventAttributes()
    attributes.timerID = id
    return self.add(.timerStarted, .timerStartedEventAttributes(attributes))
  }

  mutating func timerFired(id: String, started: Int64) {
    var attributes = Temporal_Api_History_V1_TimerFiredEventAttributes()
    attributes.timerID = id
    attributes.startedEventID = started
    self.add(.timerFired, .timerFiredEventAttributes(attributes))
  }

  mutating func timerCanceled(id: String) {
    var attributes = Temporal_Api_History_V1_TimerCanceledEventAttributes()
    attributes.timerID = id
    self.add(.timerCanceled, .timerCanceledEventAttributes(attributes))
  }

  mutating func signaled(_ name: String, input: [Payload] = []) {
    var attributes = Temporal_Api_History_V1_WorkflowExecutionSignaledEventAttributes()
    attributes.signalName = name
    attributes.input = input.proto
    self.add(.workflowExecutionSignaled, .workflowExecutionSignaledEventAttributes(attributes))
  }

  mutating func cancelRequested() {
    self.add(.workflowExecutionCancelRequested, .workflowExecutionCancelRequestedEventAttributes(.init()))
  }

  mutating func completed(result: Payload) {
    var attributes = Temporal_Api_History_V1_WorkflowExecutionCompletedEventAttributes()
    attributes.result = [result].proto
    self.add(.workflowExecutionCompleted, .workflowExecutionCompletedEventAttributes(attributes))
  }

  mutating func failed(message: String) {
    var attributes = Temporal_Api_History_V1_WorkflowExecutionFailedEventAttributes()
    attributes.failure.message = message
    self.add(.workflowExecutionFailed, .workflowExecutionFailedEventAttributes(attributes))
  }

  mutating func canceled() {
    self.add(.workflowExecutionCanceled, .workflowExecutionCanceledEventAttributes(.init()))
  }
}

/// A JSON payload, as the default converter writes it.
func json<Value: Encodable>(_ value: Value) -> Payload {
  try! PayloadConverter.default.payload(for: value)
}
