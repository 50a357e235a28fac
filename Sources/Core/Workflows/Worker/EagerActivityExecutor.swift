/// What the workflow side may ask of the activity side for eager activities
/// (PROTOCOL.md 3.8): a free slot for each activity a completion asks the
/// server to hand straight back, and running the tasks it does hand back.
/// The worker lends its activity side to the workflow side while both run,
/// so neither knows the other's insides.
protocol EagerActivityExecutor: Sendable {
  /// Whether an activity of this type, on this worker's task queue, could
  /// run here.
  func runsEagerly(activityType: String) -> Bool
  /// A free activity slot now, or nil: none free, or the worker takes no
  /// new work (paused, draining, rate limited).
  func reserveEagerSlot() -> SlotPermit?
  /// Runs the tasks the server started for the requests, in the reserved
  /// slots, and gives back the slots the server did not use.
  func runEager(_ tasks: [ActivityTask], reserved: [SlotPermit]) async
}
