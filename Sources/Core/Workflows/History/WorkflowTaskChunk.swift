internal import Foundation
internal import TemporalAPI

/// The events of one logical workflow task: everything after the previous
/// activation up to and including the WorkflowTaskStarted that activates
/// the code again. The last chunk of a history may have no activation: the
/// command events of the last completed task and what closed the workflow.
struct WorkflowTaskChunk: Sendable {
  var events: [Temporal_Api_History_V1_HistoryEvent]
  /// Present when the chunk ends in an activation.
  var activation: Activation?

  struct Activation: Sendable, Equatable {
    /// The WorkflowTaskStarted event's id and time: workflow time.
    var startedEventID: Int64
    var time: Date
    /// History shows this task completed: the code is replaying it.
    var isReplaying: Bool
  }
}
