/// The bookkeeping of a resizable pool of slots, with a FIFO queue of
/// waiters. Plain state: events in, actions out; `SlotPool` owns the lock and
/// the continuations.
///
/// A permit is *reserved* while its poller waits on the server and *running*
/// once the poll brought a task (sdk-core's "mark used"): what an operator
/// reads as activities running, apart from slots merely held by open polls.
///
/// Resizing never takes a slot back: growing hands the new room to waiters
/// at once; shrinking only lowers the target, and `used` converges to it as
/// permits come back.
struct SlotPoolState<Waiter: Hashable & Sendable>: Sendable {
  private(set) var maximum: Int
  /// Permits out: reserved by pollers, or held by running tasks.
  private(set) var used = 0
  /// Of those, the permits whose poll brought a task: a task runs in them.
  private(set) var running = 0
  private var waiters: [Waiter] = []

  init(maximum: Int) {
    precondition(maximum >= 1, "a slot pool holds at least one slot; validate before building one")
    self.maximum = maximum
  }

  var waiting: Int { self.waiters.count }
  var available: Int { max(0, self.maximum - self.used) }

  enum AcquireAction: Equatable, Sendable {
    case granted
    case wait
  }

  mutating func acquireRequested(by waiter: Waiter) -> AcquireAction {
    // Waiters already queued go first, so a newcomer cannot overtake them.
    if self.waiters.isEmpty && self.used < self.maximum {
      self.used += 1
      return .granted
    }
    precondition(!self.waiters.contains(waiter), "a waiter asked for a slot twice")
    self.waiters.append(waiter)
    return .wait
  }

  /// A slot now or none, never waiting: for work the server offers only if
  /// there is room (eager activities). Queued waiters go first here too.
  mutating func acquireIfFree() -> Bool {
    guard self.waiters.isEmpty && self.used < self.maximum else { return false }
    self.used += 1
    return true
  }

  /// The waiter gave up (its task was cancelled). True if it was still
  /// queued; false if it had already been granted a slot, which it must then
  /// release.
  mutating func acquireCancelled(by waiter: Waiter) -> Bool {
    guard let index = self.waiters.firstIndex(of: waiter) else { return false }
    self.waiters.remove(at: index)
    return true
  }

  /// A reserved permit's poll brought a task: a task runs in it now.
  mutating func permitMarkedUsed() {
    precondition(self.running < self.used, "a slot permit was marked used twice")
    self.running += 1
  }

  /// A permit came back. Returns the waiter that now gets it, if any.
  mutating func permitReleased(wasRunning: Bool) -> Waiter? {
    precondition(self.used > 0, "a slot permit was released twice")
    self.used -= 1
    if wasRunning { self.running -= 1 }
    return self.grantWaiters().first
  }

  /// The target changed. Returns the waiters that the new room lets in.
  mutating func resized(to maximum: Int) -> [Waiter] {
    precondition(maximum >= 1, "a slot pool holds at least one slot; validate before resizing")
    self.maximum = maximum
    return self.grantWaiters()
  }

  private mutating func grantWaiters() -> [Waiter] {
    var granted: [Waiter] = []
    while self.used < self.maximum && !self.waiters.isEmpty {
      granted.append(self.waiters.removeFirst())
      self.used += 1
    }
    return granted
  }
}
