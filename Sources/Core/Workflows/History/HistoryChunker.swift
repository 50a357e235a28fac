internal import Foundation
internal import TemporalAPI

/// Splits history into logical workflow tasks, as sdk-core does: a task is
/// activated at a WorkflowTaskStarted; tasks that failed or timed out are
/// skipped (their events fold into the next task); a task that completed
/// with no commands and was followed at once by the next
/// WorkflowTaskScheduled (a workflow-task heartbeat) merges with the next.
enum HistoryChunker {
  static func chunks(_ events: [Temporal_Api_History_V1_HistoryEvent]) -> [WorkflowTaskChunk] {
    var chunks: [WorkflowTaskChunk] = []
    var current: [Temporal_Api_History_V1_HistoryEvent] = []
    var index = 0
    while index < events.count {
      let event = events[index]
      current.append(event)
      index += 1
      guard event.eventType == .workflowTaskStarted else { continue }
      let outcome = Self.outcome(of: index, in: events)
      switch outcome {
      case .failed:
        continue
      case .completed(let completedAt) where Self.isHeartbeat(completedAt: completedAt, in: events):
        continue
      case .completed:
        chunks.append(Self.activating(current, at: event, replaying: true))
        current = []
      case .current:
        chunks.append(Self.activating(current, at: event, replaying: false))
        current = []
      }
    }
    if !current.isEmpty || chunks.isEmpty {
      chunks.append(WorkflowTaskChunk(events: current, activation: nil))
    }
    return chunks
  }

  private enum Outcome {
    case completed(at: Int)
    case failed
    /// History ends before the task's outcome: it is the task being worked.
    case current
  }

  /// How the task started just before `index` ended.
  private static func outcome(of index: Int, in events: [Temporal_Api_History_V1_HistoryEvent]) -> Outcome {
    var next = index
    while next < events.count {
      switch events[next].eventType {
      case .workflowTaskCompleted: return .completed(at: next)
      case .workflowTaskFailed, .workflowTaskTimedOut: return .failed
      default: next += 1
      }
    }
    return .current
  }

  /// A completed task with no command events, followed directly by the
  /// next WorkflowTaskScheduled.
  private static func isHeartbeat(completedAt: Int, in events: [Temporal_Api_History_V1_HistoryEvent]) -> Bool {
    let next = completedAt + 1
    return next < events.count && events[next].eventType == .workflowTaskScheduled
  }

  private static func activating(
    _ events: [Temporal_Api_History_V1_HistoryEvent],
    at started: Temporal_Api_History_V1_HistoryEvent,
    replaying: Bool
  ) -> WorkflowTaskChunk {
    WorkflowTaskChunk(
      events: events,
      activation: .init(startedEventID: started.eventID, time: started.eventTime.date, isReplaying: replaying))
  }
}
