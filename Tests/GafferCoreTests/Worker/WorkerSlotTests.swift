import Foundation
@testable import GafferCore
import Synchronization
import Testing

/// What the snapshot says about slots: activities running, slots reserved
/// by pollers waiting on the server, and free ones, apart.
@Suite("Slots in the snapshot, against a scripted server")
struct WorkerSlotTests {
  @Test("an idle poller's reserved slot is not an activity; a running one is")
  func reservedIsNotRunning() async throws {
    let server = ScriptedWorkerServer()
    let release = OnceSignal<Void>()
    let activities = [
      Activity("hold") { (_: ActivityContext) -> String in
        try await release.wait()
        return "done"
      }
    ]
    let worker = try server.worker(activities: activities, options: ScriptedWorkerServer.options(pollers: 2, slots: 10))
    let run = start(worker)
    try await server.waitUntil("both pollers wait on the server") { $0.openPolls == 2 }
    let idle = worker.snapshot()
    #expect(idle.activities.isEmpty)
    #expect(idle.activitySlots == SlotUsage(running: 0, reserved: 2, maximum: 10, waiting: 0))
    #expect(idle.activitySlots.free == 8)

    server.offer(ScriptedWorkerServer.task("hold"))
    try await waitUntil(worker, "the activity runs and both pollers poll again") {
      $0.activities.count == 1 && $0.activityPollers.inFlight == 2
    }
    let busy = worker.snapshot().activitySlots
    #expect(busy.running == 1)
    #expect(busy.reserved == 2)
    #expect(busy.free == 7)
    release.fire(())
    worker.beginGracefulShutdown()
    try await value(of: run, within: .seconds(20), "run() returns after the drain")
  }
}
