/// How the in-flight table is ordered; `s` cycles through them.
public enum SortOrder: String, CaseIterable, Hashable, Sendable {
  /// Longest running first.
  case elapsed
  /// Longest since its last heartbeat first; activities that never
  /// heartbeated count from their start.
  case heartbeatAge = "heartbeat age"
  /// By activity type, then longest running first.
  case type

  var next: SortOrder {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }
}
