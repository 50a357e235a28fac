/// Why a workflow task could not be completed: the task fails (the server
/// retries it) and the run is evicted, but the workflow goes on.
struct WorkflowTaskFailure: Error, Sendable, Equatable, CustomStringConvertible {
  enum Cause: Sendable, Equatable {
    /// History and the code disagree (NON_DETERMINISTIC_ERROR).
    case nondeterminism
    /// The code threw, broke a determinism rule, or history holds what
    /// this engine can't run (WORKFLOW_WORKER_UNHANDLED_FAILURE).
    case unhandledFailure
  }

  var cause: Cause
  var message: String

  var description: String { self.message }
}
