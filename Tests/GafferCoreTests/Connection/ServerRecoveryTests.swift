@testable import GafferCore
import Testing

@Suite("Waking backed-off callers when the server answers")
struct ServerRecoveryTests {
  @Test("a long backoff ends as soon as the server answers a call")
  func answerEndsTheSleep() async throws {
    let recovery = ServerRecovery()
    // An hour: only the answer can end it within the test's life.
    async let slept: Void = recovery.sleep(upTo: .seconds(3600))
    await recovery.waitUntilWanted()
    #expect(recovery.isWaiting)
    recovery.serverAnswered()
    try await slept
    #expect(!recovery.isWaiting)
  }

  @Test("without an answer the sleep lasts its delay; nobody is left waiting")
  func sleepsItsDelay() async throws {
    let recovery = ServerRecovery()
    let clock = ContinuousClock()
    let start = clock.now
    try await recovery.sleep(upTo: .milliseconds(50))
    #expect(clock.now - start >= .milliseconds(50))
    #expect(!recovery.isWaiting)
  }

  @Test("cancelling a backed-off caller throws CancellationError and removes its wait")
  func cancellation() async throws {
    let recovery = ServerRecovery()
    let sleeper = Task { try await recovery.sleep(upTo: .seconds(3600)) }
    await recovery.waitUntilWanted()
    sleeper.cancel()
    await #expect(throws: CancellationError.self) { try await sleeper.value }
    #expect(!recovery.isWaiting)
  }

  @Test("an answer with nobody waiting changes nothing; a later sleep still waits for the next one")
  func answerWithoutWaiters() async throws {
    let recovery = ServerRecovery()
    recovery.serverAnswered()
    async let slept: Void = recovery.sleep(upTo: .seconds(3600))
    await recovery.waitUntilWanted()
    recovery.serverAnswered()
    try await slept
  }
}
