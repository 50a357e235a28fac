/// How log lines are written when the console is not showing them.
public enum LogFormat: String, Hashable, Sendable, CaseIterable {
  /// `2026-11-21T10:00:00.000Z info gaffer.worker: message key=value`
  case text
  /// One JSON object per line (time, level, logger, message and each
  /// metadata field), for log collectors.
  case json
}
