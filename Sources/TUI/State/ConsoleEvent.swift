public import GafferCore

/// What reaches the console's state machine.
public enum ConsoleEvent: Hashable, Sendable {
  case key(Key)
  /// Ctrl-C, SIGINT or SIGTERM: the first begins a graceful shutdown without
  /// asking, the second forces it. An attached console detaches instead:
  /// the worker is another process's, and goes on.
  case interrupt
  /// The worker refused a command; the message says why.
  case commandRefused(String)
}

/// What the state machine asks the console to do.
public enum ConsoleEffect: Hashable, Sendable {
  case send(WorkerCommand)
  /// Leave the attached worker running and close the console.
  case detach
}
