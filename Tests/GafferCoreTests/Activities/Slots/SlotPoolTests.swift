@testable import GafferCore
import Testing

@Suite("Slot pool")
struct SlotPoolTests {
  /// Polls the pool's usage until `condition` holds, yielding between looks:
  /// synchronises on the pool's own state, not on time.
  func eventually(_ pool: SlotPool, _ condition: (SlotPool.Usage) -> Bool) async {
    while !condition(pool.usage) { await Task.yield() }
  }

  @Test("a waiter gets the slot another holder releases")
  func handOver() async throws {
    let pool = SlotPool(maximum: 1)
    let first = try await pool.acquire()
    let second = Task { try await pool.acquire().release() }
    await eventually(pool) { $0.waiting == 1 }
    first.release()
    try await second.value
    #expect(pool.usage == SlotPool.Usage(used: 0, maximum: 1, waiting: 0))
  }

  @Test("a permit dropped without release() still comes back, exactly once")
  func releasedOnScopeExit() async throws {
    let pool = SlotPool(maximum: 2)
    do {
      _ = try await pool.acquire()
    }
    #expect(pool.usage.used == 0)
  }

  @Test("growing the pool admits waiting pollers at once")
  func growAdmits() async throws {
    let pool = SlotPool(maximum: 1)
    let held = try await pool.acquire()
    let waiters = (0..<3).map { _ in Task { try await pool.acquire().release() } }
    await eventually(pool) { $0.waiting == 3 }
    pool.resize(to: 4)
    for waiter in waiters { try await waiter.value }
    held.release()
    #expect(pool.usage == SlotPool.Usage(used: 0, maximum: 4, waiting: 0))
  }

  @Test("cancelling a waiting acquire throws CancellationError and holds no slot")
  func cancelWhileWaiting() async throws {
    let pool = SlotPool(maximum: 1)
    let held = try await pool.acquire()
    let waiter = Task { try await pool.acquire().release() }
    await eventually(pool) { $0.waiting == 1 }
    waiter.cancel()
    await #expect(throws: CancellationError.self) { try await waiter.value }
    #expect(pool.usage == SlotPool.Usage(used: 1, maximum: 1, waiting: 0))
    held.release()
    #expect(pool.usage.used == 0)
  }

  @Test("releasing a permit twice gives its slot back once")
  func releaseTwice() async throws {
    let pool = SlotPool(maximum: 2)
    let permit = try await pool.acquire()
    let other = try await pool.acquire()
    permit.release()
    permit.release()
    #expect(pool.usage.used == 1)
    other.release()
    #expect(pool.usage.used == 0)
  }
}
