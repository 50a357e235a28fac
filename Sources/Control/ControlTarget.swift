public import GafferCore

/// What a control socket serves: a worker's snapshots and its commands.
public protocol ControlTarget: Sendable {
  func snapshot() -> WorkerSnapshot
  /// Carries out a command, journalled as coming from `requester`.
  func send(_ command: WorkerCommand, from requester: String) throws(WorkerCommandError)
}

extension Worker: ControlTarget {}
