public import Foundation
public import GafferCore

/// The one-line answer to "is this worker all right?": it walks the chain
/// slots → pollers → completions and names the first broken link; a worker
/// with workflows adds their chain (`Diagnosis+Workflows.swift`).
public struct Diagnosis: Hashable, Sendable {
  public struct Part: Hashable, Sendable {
    public var text: String
    public var role: Role
  }

  public var parts: [Part]
  /// Whether anything needs an operator's eye.
  public var isHealthy: Bool

  /// Completions per second over the last ten seconds.
  static func completionRate(_ snapshot: WorkerSnapshot) -> Double {
    Self.recentRate(snapshot, \.completed)
  }

  /// One outcome per second, averaged over the last ten seconds.
  static func recentRate(_ snapshot: WorkerSnapshot, _ outcome: KeyPath<ThroughputSample, Int>) -> Double {
    let recent = snapshot.throughput.suffix(10)
    guard !recent.isEmpty else { return 0 }
    return Double(recent.reduce(0) { $0 + $1[keyPath: outcome] }) / Double(recent.count)
  }

  /// Seconds since any activity completed, within the throughput window.
  static func secondsSinceCompletion(_ snapshot: WorkerSnapshot) -> Double? {
    guard let last = snapshot.throughput.last(where: { $0.completed > 0 }) else { return nil }
    return snapshot.takenAt.timeIntervalSince(last.second)
  }

  public init(snapshot: WorkerSnapshot, slotsFullSince: Date?) {
    let now = snapshot.takenAt
    let counters = snapshot.counters
    switch snapshot.lifecycle {
    case .failed(let reason):
      self.init(parts: [Part(text: "worker failed: \(reason)", role: .error)], isHealthy: false)
      return
    case .stopped:
      self.init(
        parts: [
          Part(
            text: "stopped: \(Format.count(counters.completed)) completed, \(Format.count(counters.failed)) failed, "
              + "\(Format.count(counters.cancelled)) cancelled",
            role: .dim)
        ],
        isHealthy: true)
      return
    case .starting:
      self.init(parts: [Part(text: "starting: registering with the server", role: .dim)], isHealthy: true)
      return
    case .draining:
      self.init(parts: [Part(text: Self.drainText(snapshot, now: now), role: .draining)], isHealthy: true)
      return
    case .paused:
      // With workflows, the lifecycle's pause is the activity side's alone.
      var parts: [Part] = Self.workflowFailurePart(snapshot).map { [$0] } ?? []
      if let workflows = snapshot.workflows {
        let both = workflows.paused ? "activity and workflow polling" : "activity polling"
        parts.append(Part(text: "\(both) paused by operator", role: .paused))
      } else {
        parts.append(Part(text: "polling paused by operator", role: .paused))
      }
      parts += [
        Part(text: "\(snapshot.activities.count) activities still running", role: .text),
        Part(text: "\(Format.rate(Self.completionRate(snapshot))) completions/s", role: .text),
      ]
      self.init(parts: parts, isHealthy: false)
      return
    case .running:
      break
    }

    let slots = snapshot.activitySlots
    let pollers = snapshot.activityPollers
    let slotsFull = slots.isFull
    var parts: [Part] = []

    if slotsFull {
      let held = slotsFullSince.map { " for \(Format.interval(from: $0, to: now))" } ?? ""
      parts.append(Part(text: "activity slots full\(held) (\(slots.running)/\(slots.maximum))", role: .warn))
    } else {
      parts.append(Part(text: "slots \(slots.running)/\(slots.maximum)", role: .ok))
    }

    if let until = pollers.backoffUntil, until > now {
      let error = pollers.lastError ?? "poll failed"
      parts.append(
        Part(text: "pollers backing off: \(error) (retry in \(Format.seconds(until.timeIntervalSince(now).rounded(.up))))", role: .error))
    } else if slotsFull {
      parts.append(Part(text: "pollers idle", role: .warn))
    } else if pollers.configured > 0, pollers.inFlight == 0 {
      parts.append(Part(text: "no polls open", role: .warn))
    } else {
      parts.append(Part(text: "\(pollers.inFlight) polls open", role: .ok))
    }

    let rate = Self.completionRate(snapshot)
    let since = Self.secondsSinceCompletion(snapshot)
    let stalled = !snapshot.activities.isEmpty && (since == nil || since! >= 60) && snapshot.throughput.count >= 60
    parts.append(Part(text: "\(Format.rate(rate)) completions/s", role: stalled ? .error : .ok))

    // A run failing its workflow tasks makes no progress, and a body that
    // ignored its cancellation holds its slot for good: the first things an
    // operator must know, whatever else is fine.
    var leading: [Part] = []
    let workflowFailure = Self.workflowFailurePart(snapshot)
    if let workflowFailure { leading.append(workflowFailure) }
    let stuck = snapshot.activities.filter { $0.abandonedAt != nil }
    if !stuck.isEmpty {
      let first = stuck[0]
      let who = stuck.count == 1 ? " (\(first.activityType) \(first.activityID))" : ""
      leading.append(Part(text: "\(stuck.count) stuck\(who): ignored cancellation, holds its slot", role: .error))
    }

    let chainBroken = !stuck.isEmpty || parts.contains { $0.role != .ok }
    // Off the activity chain: these lead when nothing worse does, else trail.
    var offChain: [Part] = []
    let late = snapshot.activities.filter { $0.heartbeat.health == .late && $0.cancellation == nil }
    if !late.isEmpty {
      let first = late[0]
      let who = late.count == 1 ? " (\(first.activityType) \(first.activityID))" : ""
      offChain.append(Part(text: "\(late.count) late on heartbeat\(who)", role: .warn))
    }
    offChain += Self.workflowChainParts(snapshot)
    if chainBroken || workflowFailure != nil {
      parts = leading + parts + offChain
    } else {
      parts = offChain + parts
      if offChain.isEmpty { parts.insert(Part(text: "healthy", role: .ok), at: 0) }
    }
    self.init(parts: parts, isHealthy: !chainBroken && offChain.isEmpty && workflowFailure == nil)
  }

  private init(parts: [Part], isHealthy: Bool) {
    self.parts = parts
    self.isHealthy = isHealthy
  }

  private static func drainText(_ snapshot: WorkerSnapshot, now: Date) -> String {
    guard let drain = snapshot.drain else { return "draining" }
    switch drain.phase {
    case .waitingForActivities:
      return "draining: waiting on \(drain.remaining) of \(drain.inFlightAtStart), grace ends in "
        + Format.countdown(drain.deadline.timeIntervalSince(now))
    case .cancelling:
      return "draining: grace over, cancelling \(drain.remaining)"
    case .finished:
      return "drained: exiting"
    }
  }
}
