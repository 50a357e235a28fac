import Foundation
import GafferCore
import GafferService
import Testing

@Suite struct WorkerHealthTests {
  private func snapshot(
    _ lifecycle: WorkerLifecycleState, backoffUntil: Date? = nil, drain: DrainProgress? = nil
  ) -> WorkerSnapshot {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    return WorkerSnapshot(
      takenAt: now, identity: "1@host", taskQueue: "orders", namespace: "default", serverVersion: "1.32.0",
      workerInstanceKey: "key", lifecycle: lifecycle, startedAt: now,
      activityPollers: PollerGroupSnapshot(
        kind: .activity, configured: 5, inFlight: 5, paused: lifecycle == .paused,
        lastError: backoffUntil == nil ? nil : "Nothing answered at 127.0.0.1:7233", backoffUntil: backoffUntil),
      activitySlots: SlotUsage(running: 3, maximum: 10), drain: drain)
  }

  @Test func readyOnlyWhileRunningAndPolling() {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    #expect(WorkerHealth.readiness(self.snapshot(.running)) == WorkerHealth(status: 200, reason: "ok"))
    #expect(WorkerHealth.readiness(self.snapshot(.starting)).status == 503)
    let paused = WorkerHealth.readiness(self.snapshot(.paused))
    #expect(paused.status == 503 && paused.reason.hasPrefix("paused"))
    let drain = DrainProgress(
      phase: .waitingForActivities, startedAt: now, deadline: now + 30, inFlightAtStart: 4, remaining: 2)
    let draining = WorkerHealth.readiness(self.snapshot(.draining, drain: drain))
    #expect(draining.status == 503 && draining.reason.contains("draining") && draining.reason.contains("2 activities"))
    let backingOff = WorkerHealth.readiness(self.snapshot(.running, backoffUntil: now + 3))
    #expect(backingOff.status == 503 && backingOff.reason.contains("backing off: Nothing answered"))
    // A backoff that is already over does not count.
    #expect(WorkerHealth.readiness(self.snapshot(.running, backoffUntil: now - 1)).status == 200)
    #expect(WorkerHealth.readiness(self.snapshot(.stopped)).status == 503)
  }

  @Test func aliveUnlessFailed() {
    #expect(WorkerHealth.liveness(self.snapshot(.draining)).status == 200)
    #expect(WorkerHealth.liveness(self.snapshot(.paused)).status == 200)
    let failed = WorkerHealth.liveness(self.snapshot(.failed("namespace 'x' not found")))
    #expect(failed.status == 503 && failed.reason.contains("namespace 'x' not found"))
  }
}
