public import GafferCore
internal import Foundation

/// What /health and /ready answer, worked out from a snapshot alone.
public struct WorkerHealth: Hashable, Sendable {
  /// 200 or 503.
  public var status: Int
  /// One line: `ok`, or why not.
  public var reason: String

  public init(status: Int, reason: String) {
    self.status = status
    self.reason = reason
  }

  /// Alive unless the worker failed: a draining or paused worker is healthy.
  public static func liveness(_ snapshot: WorkerSnapshot) -> WorkerHealth {
    if case .failed(let why) = snapshot.lifecycle { return WorkerHealth(status: 503, reason: "failed: \(why)") }
    return WorkerHealth(status: 200, reason: "ok")
  }

  /// Ready only while running, connected and polling: paused, draining,
  /// starting, stopped, failed and backing off after poll errors are not.
  public static func readiness(_ snapshot: WorkerSnapshot) -> WorkerHealth {
    switch snapshot.lifecycle {
    case .running:
      break
    case .paused:
      return WorkerHealth(status: 503, reason: "paused: polling is paused")
    case .draining:
      let remaining = snapshot.drain?.remaining ?? snapshot.activities.count
      return WorkerHealth(status: 503, reason: "draining: shutting down, \(remaining) activities still running")
    case .starting:
      return WorkerHealth(status: 503, reason: "starting: not polling yet")
    case .stopped:
      return WorkerHealth(status: 503, reason: "stopped")
    case .failed(let why):
      return WorkerHealth(status: 503, reason: "failed: \(why)")
    }
    let pollers = snapshot.activityPollers
    if let until = pollers.backoffUntil, until > snapshot.takenAt {
      let error = pollers.lastError ?? "poll failed"
      return WorkerHealth(status: 503, reason: "backing off: \(error)")
    }
    return WorkerHealth(status: 200, reason: "ok")
  }
}
