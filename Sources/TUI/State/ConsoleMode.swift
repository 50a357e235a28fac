/// Which screen the console shows and so which keys apply.
public enum ConsoleMode: Hashable, Sendable {
  /// The dashboard with the in-flight table (or its grouped view).
  case main
  /// Everything about one activity, by `InFlightActivity.id`.
  case detail(activityID: String)
  /// The key table.
  case help
  /// Typing a filter; the draft is applied on Enter.
  case filter(draft: String)
  /// A dangerous action waiting for `y`.
  case confirm(Confirmation)

  /// The keymap context of this mode.
  public var context: KeyContext {
    switch self {
    case .main: .main
    case .detail: .detail
    case .help: .help
    case .filter: .filter
    case .confirm: .confirm
    }
  }
}

/// The dangerous actions that ask first.
public enum Confirmation: Hashable, Sendable {
  case gracefulShutdown
  case forceShutdown
  /// `q` while the worker runs: leaving means draining it.
  case quit
  /// `q` on an attached console: detach, or drain the worker and watch.
  case detach
  case cancelActivity(id: String)
}

public enum KeyContext: String, Hashable, Sendable, CaseIterable {
  case main
  case detail
  case help
  case filter
  case confirm
}
