/// What the workflow side has done since the worker started.
public struct WorkflowTaskCounters: Hashable, Sendable, Codable {
  /// Workflow tasks polled (legacy query tasks included).
  public var received = 0
  /// Completed with RespondWorkflowTaskCompleted.
  public var completed = 0
  /// Failed: the code threw, broke a rule, or diverged from history.
  public var failed = 0
  /// Of `failed`, the nondeterminism errors.
  public var nondeterministic = 0
  /// Completions or failures the server refused, or that could not be sent.
  public var reportsLost = 0
  /// Legacy queries answered.
  public var queriesAnswered = 0
  /// Runs that finished with a closing command.
  public var workflowsClosed = 0

  public init() {}
}
