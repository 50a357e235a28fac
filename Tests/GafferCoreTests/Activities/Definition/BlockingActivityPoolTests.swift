import Foundation
@testable import GafferCore
import Synchronization
import Testing

@Suite("Blocking activity pool")
struct BlockingActivityPoolTests {
  @Test("a job still queued when its task is cancelled never starts, and its caller gets CancellationError at once")
  func cancelledWhileQueued() async throws {
    let pool = BlockingActivityPool(maximumThreads: 1)
    defer { pool.stop() }
    let blocker = DispatchSemaphore(value: 0)
    let started = OnceSignal<Void>()
    let first = Task {
      try await pool.run {
        started.fire(())
        blocker.wait()
      }
    }
    try await started.wait()
    let ran = Atomic<Bool>(false)
    let queued = Task { try await pool.run { ran.store(true, ordering: .relaxed) } }
    let deadline = ContinuousClock.now + .seconds(10)
    while pool.queuedJobs < 1 {
      guard ContinuousClock.now < deadline else { throw TestTimeout("the second job is queued") }
      try await Task.sleep(for: .milliseconds(2))
    }
    queued.cancel()
    await #expect(throws: CancellationError.self) {
      try await value(of: queued, within: .seconds(10), "the cancelled job's caller returns while the thread is busy")
    }
    blocker.signal()
    try await first.value
    // FIFO: a job submitted now runs after the cancelled one would have.
    try await pool.run {}
    let cancelledJobRan = ran.load(ordering: .relaxed)
    #expect(!cancelledJobRan, "the cancelled job must not run")
  }
}
