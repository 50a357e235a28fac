/// Whether a worker runs with the console.
public enum ConsolePreference: String, Hashable, Sendable, CaseIterable {
  /// The console when stdin and stdout are terminals; headless otherwise.
  case auto
  case on
  /// Headless: the worker logs to stderr.
  case off
}
