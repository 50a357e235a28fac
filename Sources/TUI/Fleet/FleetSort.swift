public import GafferCore

/// How `gaffer top` orders its workers; `s` goes to the next.
public enum FleetSort: String, CaseIterable, Hashable, Sendable {
  case identity
  case busiest = "activity slots used"
  case status
  case heartbeat = "heartbeat age"

  public var next: FleetSort {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  /// Ties (and workers known only by their polls) fall back to identity.
  public func sorted(_ workers: [FleetWorker]) -> [FleetWorker] {
    workers.sorted { a, b in
      switch self {
      case .identity:
        return a.identity < b.identity
      case .busiest:
        let (x, y) = (a.heartbeat?.activitySlots?.used ?? -1, b.heartbeat?.activitySlots?.used ?? -1)
        return x != y ? x > y : a.identity < b.identity
      case .status:
        let (x, y) = (a.heartbeat?.status ?? "~", b.heartbeat?.status ?? "~")
        return x != y ? x < y : a.identity < b.identity
      case .heartbeat:
        let (x, y) = (a.heartbeat?.heartbeatAt ?? .distantPast, b.heartbeat?.heartbeatAt ?? .distantPast)
        return x != y ? x < y : a.identity < b.identity
      }
    }
  }
}
