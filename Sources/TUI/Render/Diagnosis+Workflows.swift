public import Foundation
public import GafferCore

/// The workflow chain: failures first (a run that fails its workflow task
/// makes no progress at all), then what stops new workflow tasks — an
/// operator's pause, full slots, no polls open.
extension Diagnosis {
  /// How long a workflow-task failure counts as "failing". The server
  /// retries a failed workflow task with growing pauses, so a run that fails
  /// every attempt must not look recovered between two of them.
  public static let workflowFailureWindow: TimeInterval = 600

  /// The failures within the window, summed up in one part; nil when none.
  static func workflowFailurePart(_ snapshot: WorkerSnapshot) -> Part? {
    guard let workflows = snapshot.workflows else { return nil }
    let now = snapshot.takenAt
    let recent = workflows.recentFailures.filter { now.timeIntervalSince($0.at) < Self.workflowFailureWindow }
    guard let latest = recent.last else { return nil }
    let ago = "(last \(Format.interval(from: latest.at, to: now)) ago)"
    // Nondeterminism names the types: the fix is in their code or in a deploy.
    let nondeterministic = recent.filter(\.nondeterminism)
    if !nondeterministic.isEmpty {
      let types = Self.newestFirstTypes(nondeterministic)
      return Part(text: "workflow tasks failing: nondeterminism in \(Self.names(types)) \(ago)", role: .error)
    }
    let types = Self.newestFirstTypes(recent)
    return Part(
      text: "workflow tasks failing in \(Self.names(types)): \(Self.gist(of: latest.message)) \(ago)", role: .error)
  }

  /// Whatever keeps new workflow tasks from starting; empty when nothing.
  static func workflowChainParts(_ snapshot: WorkerSnapshot) -> [Part] {
    guard let workflows = snapshot.workflows else { return [] }
    if workflows.paused {
      return [Part(text: "workflow polling paused by operator", role: .paused)]
    }
    if workflows.slotsMaximum > 0, workflows.slotsRunning >= workflows.slotsMaximum {
      return [Part(text: "workflow task slots full (\(workflows.slotsRunning)/\(workflows.slotsMaximum))", role: .warn)]
    }
    if workflows.normalPollers + workflows.stickyPollers > 0, workflows.openPolls == 0 {
      return [Part(text: "no workflow polls open", role: .warn)]
    }
    return []
  }

  private static func newestFirstTypes(_ failures: [WorkflowTaskFailureRecord]) -> [String] {
    var seen: Set<String> = []
    return failures.reversed().map(\.workflowType).filter { seen.insert($0).inserted }
  }

  /// Two names, then a count: the panel lists the rest.
  private static func names(_ types: [String]) -> String {
    let shown = types.prefix(2).joined(separator: ", ")
    return types.count > 2 ? "\(shown) +\(types.count - 2) more" : shown
  }

  /// A failure message cut to its first clause, to sit in the status line
  /// beside the activity chain: "potential deadlock: the workflow's code
  /// ran …" gives "potential deadlock".
  static func gist(of message: String) -> String {
    let clause = message.prefix { !":;(\n".contains($0) }.trimmingCharacters(in: .whitespaces)
    return clause.isEmpty ? message : clause
  }
}
