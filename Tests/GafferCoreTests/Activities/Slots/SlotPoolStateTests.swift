@testable import GafferCore
import Testing

@Suite("Slot pool bookkeeping")
struct SlotPoolStateTests {
  @Test("slots are granted up to the maximum, then callers wait in order")
  func grantsThenQueues() {
    var pool = SlotPoolState<Int>(maximum: 2)
    #expect(pool.acquireRequested(by: 1) == .granted)
    #expect(pool.acquireRequested(by: 2) == .granted)
    #expect(pool.acquireRequested(by: 3) == .wait)
    #expect(pool.acquireRequested(by: 4) == .wait)
    #expect(pool.used == 2)
    #expect(pool.waiting == 2)
    #expect(pool.permitReleased(wasRunning: false) == 3)
    #expect(pool.permitReleased(wasRunning: false) == 4)
    #expect(pool.permitReleased(wasRunning: false) == nil)
    #expect(pool.used == 1)
  }

  @Test("a slot taken only if free never waits, and waiters get new room first")
  func acquireIfFree() {
    var pool = SlotPoolState<Int>(maximum: 2)
    let taken = [pool.acquireIfFree(), pool.acquireIfFree(), pool.acquireIfFree()]
    #expect(taken == [true, true, false])
    #expect(pool.waiting == 0)
    #expect(pool.acquireRequested(by: 1) == .wait)
    // Growing hands the new slot to the queued waiter, not to the next asker.
    #expect(pool.resized(to: 3) == [1])
    let afterGrowing = pool.acquireIfFree()
    #expect(!afterGrowing)
    #expect(pool.permitReleased(wasRunning: false) == nil)
    let afterRelease = pool.acquireIfFree()
    #expect(afterRelease)
    #expect(pool.used == 3)
  }

  @Test("a newcomer does not overtake queued waiters")
  func fifo() {
    var pool = SlotPoolState<Int>(maximum: 1)
    _ = pool.acquireRequested(by: 1)
    _ = pool.acquireRequested(by: 2)
    #expect(pool.resized(to: 1) == [])
    #expect(pool.acquireRequested(by: 3) == .wait)
    #expect(pool.permitReleased(wasRunning: false) == 2)
  }

  @Test("growing admits waiters at once, as many as the new room allows")
  func growing() {
    var pool = SlotPoolState<Int>(maximum: 1)
    _ = pool.acquireRequested(by: 1)
    for waiter in 2...5 { _ = pool.acquireRequested(by: waiter) }
    #expect(pool.resized(to: 3) == [2, 3])
    #expect(pool.used == 3)
    #expect(pool.waiting == 2)
  }

  @Test("shrinking takes nothing back: used converges to the new target as permits return")
  func shrinking() {
    var pool = SlotPoolState<Int>(maximum: 4)
    for holder in 1...4 { _ = pool.acquireRequested(by: holder) }
    _ = pool.acquireRequested(by: 9)
    #expect(pool.resized(to: 2) == [])
    #expect(pool.used == 4)
    #expect(pool.maximum == 2)
    #expect(pool.available == 0)
    #expect(pool.permitReleased(wasRunning: false) == nil)
    #expect(pool.permitReleased(wasRunning: false) == nil)
    #expect(pool.used == 2)
    #expect(pool.permitReleased(wasRunning: false) == 9)
    #expect(pool.used == 2)
  }

  @Test("a cancelled waiter leaves the queue; one already granted must release instead")
  func cancelledWaiter() {
    var pool = SlotPoolState<Int>(maximum: 1)
    _ = pool.acquireRequested(by: 1)
    _ = pool.acquireRequested(by: 2)
    let queuedWaiterLeft = pool.acquireCancelled(by: 2)
    let grantedHolderLeft = pool.acquireCancelled(by: 1)
    #expect(queuedWaiterLeft)
    #expect(!grantedHolderLeft)
    #expect(pool.permitReleased(wasRunning: false) == nil)
    #expect(pool.used == 0)
  }

  @Test("a permit is reserved until its poll brings a task; running counts only those, and release gives back either kind")
  func reservedThenRunning() {
    var pool = SlotPoolState<Int>(maximum: 3)
    _ = pool.acquireRequested(by: 1)
    _ = pool.acquireRequested(by: 2)
    #expect(pool.used == 2)
    #expect(pool.running == 0, "both are only reserved by open polls")
    pool.permitMarkedUsed()
    #expect(pool.running == 1)
    _ = pool.permitReleased(wasRunning: false)
    #expect(pool.used == 1)
    #expect(pool.running == 1)
    _ = pool.permitReleased(wasRunning: true)
    #expect(pool.used == 0)
    #expect(pool.running == 0)
  }
}
