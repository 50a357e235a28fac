/// A polled activity task with the slot permit its poller took before
/// polling: they travel together, and the permit is released once the
/// task's report is done.
struct ActivityDelivery: Sendable {
  var task: ActivityTask
  var permit: SlotPermit
}
