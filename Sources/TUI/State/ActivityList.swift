public import Foundation
public import GafferCore

/// The in-flight activities the table shows: filtered, then sorted. The
/// renderer and the selection logic both use it, so the row a key selects is
/// the row on screen.
public enum ActivityList {
  public static func rows(
    of activities: [InFlightActivity], sort: SortOrder, filter: String
  ) -> [InFlightActivity] {
    let needle = filter.lowercased()
    let kept =
      needle.isEmpty
      ? activities
      : activities.filter {
        $0.activityType.lowercased().contains(needle) || $0.workflowID.lowercased().contains(needle)
      }
    switch sort {
    case .elapsed:
      return kept.sorted { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
    case .heartbeatAge:
      return kept.sorted {
        (Self.lastHeard($0), $0.startedAt, $0.id) < (Self.lastHeard($1), $1.startedAt, $1.id)
      }
    case .type:
      return kept.sorted { ($0.activityType, $0.startedAt, $0.id) < ($1.activityType, $1.startedAt, $1.id) }
    }
  }

  /// When the attempt was last heard from: its last heartbeat, else its start.
  static func lastHeard(_ activity: InFlightActivity) -> Date {
    activity.heartbeat.lastRecordedAt ?? activity.startedAt
  }

  /// Activities counted per type: who holds the slots.
  public struct Group: Hashable, Sendable {
    public var activityType: String
    public var count: Int
    public var oldestStart: Date
    public var late: Int
    public var cancelling: Int
  }

  /// Biggest holders first.
  public static func groups(of activities: [InFlightActivity]) -> [Group] {
    var byType: [String: Group] = [:]
    for activity in activities {
      var group =
        byType[activity.activityType]
        ?? Group(activityType: activity.activityType, count: 0, oldestStart: activity.startedAt, late: 0, cancelling: 0)
      group.count += 1
      group.oldestStart = min(group.oldestStart, activity.startedAt)
      if activity.heartbeat.health == .late { group.late += 1 }
      if activity.cancellation != nil { group.cancelling += 1 }
      byType[activity.activityType] = group
    }
    return byType.values.sorted { ($1.count, $0.activityType) < ($0.count, $1.activityType) }
  }
}
