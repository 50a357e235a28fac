internal import Foundation

/// One thing history tells a run's code between two activations, in event
/// order: what the driver applies before it runs the code again.
enum WorkflowJob: Sendable, Equatable {
  case start(WorkflowStart)
  case resolveActivity(seq: Int, ActivityResolution)
  case fireTimer(seq: Int)
  case signal(name: String, input: [Payload])
  case cancelRequested
}

/// What the WorkflowExecutionStarted event says.
struct WorkflowStart: Sendable, Equatable {
  var workflowType: String
  var taskQueue: String
  var input: [Payload]
  var attempt: Int
  /// Seeds the run's random generator; derived from the first run's id
  /// (`original_execution_run_id`, as sdk-core does), so every replay of
  /// the run draws the same numbers.
  var randomSeed: UInt64
  var startTime: Date
}
