internal import Foundation

/// The activity side's part in eager activities: the workflow side reserves
/// free slots before a completion asks the server to start activities here,
/// and hands over what the server started. An eager task then runs and is
/// reported exactly like a polled one.
extension Worker: EagerActivityExecutor {
  func runsEagerly(activityType: String) -> Bool {
    self.activities[activityType] != nil
  }

  func reserveEagerSlot() -> SlotPermit? {
    // A pause or a drain takes no new work. A task-queue rate limit turns
    // eager execution off in sdk-core (PROTOCOL.md 3.8): the server paces
    // polls only. The worker-side limit paces each poll here, so it does
    // too — our choice, for the same reason.
    let takesWork = self.state.withLock { state in
      state.lifecycle.state == .running && state.rateLimiter == nil
    }
    guard takesWork, self.options.maxTaskQueueActivitiesPerSecond == nil else { return nil }
    return self.slots.acquireIfFree()
  }

  func runEager(_ tasks: [ActivityTask], reserved: [SlotPermit]) async {
    var unused = reserved[...]
    for task in tasks {
      let permit: SlotPermit
      if let next = unused.popFirst() {
        permit = next
      } else {
        // The server started more than was asked for: run it anyway, in a
        // slot as soon as one is free, rather than leave it to time out.
        self.logger.warning(
          "the server started more eager activities than were asked for; running the extra one when a slot is free",
          metadata: ["activity.type": "\(task.info.activityType)", "activity.id": "\(task.info.activityID)"])
        // Unstructured: a cancelled caller must not leave the task unrun.
        let waited = await Task { try await self.slots.acquire() }.result
        guard case .success(let acquired) = waited else { continue }
        permit = acquired
      }
      permit.markUsed()
      let scheduleToStart = self.measureScheduleToStart(task)
      self.state.withLock { $0.received(task, scheduleToStart: scheduleToStart, eager: true) }
      self.metrics.eagerStarted.increment()
      self.deliverySink.yield(ActivityDelivery(task: task, permit: permit))
    }
    for permit in unused { permit.release() }
  }
}
