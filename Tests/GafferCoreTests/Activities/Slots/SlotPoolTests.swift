@testable import GafferCore
import Testing

@Suite("Slot pool")
struct SlotPoolTests {
  /// Polls the pool's usage until `condition` holds, yielding between looks:
  /// synchronises on the pool's own state, not on time. Throws (failing the
  /// test) if it does not hold within `limit`, instead of hanging the suite.
  func eventually(
    _ pool: SlotPool, within limit: Duration = .seconds(10), _ condition: (SlotPool.Usage) -> Bool
  ) async throws {
    let deadline = ContinuousClock.now + limit
    while !condition(pool.usage) {
      guard ContinuousClock.now < deadline else { throw TestTimeout("slot pool usage \(pool.usage) (waited \(limit))") }
      await Task.yield()
    }
  }

  @Test("a wait for a condition that never holds fails within its bound")
  func eventuallyIsBounded() async {
    let pool = SlotPool(maximum: 1)
    await #expect(throws: TestTimeout.self) {
      try await eventually(pool, within: .milliseconds(50)) { $0.waiting == 1 }
    }
  }

  @Test("a waiter gets the slot another holder releases")
  func handOver() async throws {
    let pool = SlotPool(maximum: 1)
    let first = try await pool.acquire()
    let second = Task { try await pool.acquire().release() }
    try await eventually(pool) { $0.waiting == 1 }
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
    try await eventually(pool) { $0.waiting == 3 }
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
    try await eventually(pool) { $0.waiting == 1 }
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
