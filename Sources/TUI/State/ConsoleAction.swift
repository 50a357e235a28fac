/// What a key asks the console to do; `KeyMap` says which key does which.
public enum ConsoleAction: Hashable, Sendable {
  case togglePause
  case changeMaxConcurrentActivities(by: Int)
  case toggleWorkflowPolling
  case changeMaxConcurrentWorkflowTasks(by: Int)
  case selectNext
  case selectPrevious
  case pageDown
  case pageUp
  case selectFirst
  case selectLast
  case openDetail
  case back
  case cycleSort
  case toggleGrouped
  case beginFilter
  case toggleFreeze
  case toggleHelp
  case askGracefulShutdown
  case askForceShutdown
  case quit
  /// `q` on an attached console: leave (asks whether to drain the worker first).
  case detach
  case askCancelActivity

  /// Whether the action changes the worker (and so is gone in read-only mode).
  public var changesWorker: Bool {
    switch self {
    case .togglePause, .changeMaxConcurrentActivities, .toggleWorkflowPolling, .changeMaxConcurrentWorkflowTasks,
      .askGracefulShutdown, .askForceShutdown, .quit, .askCancelActivity:
      true
    default:
      false
    }
  }

  /// Whether the action acts on the workflow side only: a worker that runs
  /// no workflows keeps it out of the footer and the help.
  public var concernsWorkflows: Bool {
    switch self {
    case .toggleWorkflowPolling, .changeMaxConcurrentWorkflowTasks: true
    default: false
    }
  }
}
