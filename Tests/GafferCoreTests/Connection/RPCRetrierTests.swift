@testable import GafferCore
import GRPCCore
import Synchronization
import Testing

@Suite("Retrying calls")
struct RPCRetrierTests {
  /// Records the waits instead of sleeping, so the tests run on virtual time.
  final class SleepRecorder: Sendable {
    let delays = Mutex<[Duration]>([])
    func sleep(_ delay: Duration) async throws { self.delays.withLock { $0.append(delay) } }
    var recorded: [Duration] { self.delays.withLock { $0 } }
  }

  /// Fails with the scripted errors in order, then succeeds.
  final class ScriptedCall: Sendable {
    let failures: Mutex<[RPCError]>
    let attempts = Mutex(0)
    init(_ failures: [RPCError]) { self.failures = Mutex(failures) }
    func callAsFunction() throws -> String {
      self.attempts.withLock { $0 += 1 }
      if let next = self.failures.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { throw next }
      return "ok"
    }
    var attemptCount: Int { self.attempts.withLock { $0 } }
  }

  let options = RetryOptions(
    maxAttempts: 4,
    backoff: RetryBackoff(initial: .milliseconds(100), multiplier: 2, maximum: .seconds(1), jitter: 0),
    resourceExhaustedBackoff: RetryBackoff(initial: .seconds(1), multiplier: 2, maximum: .seconds(10), jitter: 0)
  )

  func retrier(_ recorder: SleepRecorder) -> RPCRetrier {
    RPCRetrier(options: self.options, sleep: { try await recorder.sleep($0) }, unitRandom: { 0.5 })
  }

  @Test("UNAVAILABLE is retried with growing waits until the call succeeds")
  func retriesUnavailable() async throws {
    let recorder = SleepRecorder()
    let call = ScriptedCall([RPCError(code: .unavailable, message: "down"), RPCError(code: .unavailable, message: "down")])
    let result = try await retrier(recorder).run { try call() }
    #expect(result == "ok")
    #expect(call.attemptCount == 3)
    #expect(recorder.recorded == [.milliseconds(100), .milliseconds(200)])
  }

  @Test("RESOURCE_EXHAUSTED waits on its own, slower backoff")
  func resourceExhaustedUsesItsBackoff() async throws {
    let recorder = SleepRecorder()
    let call = ScriptedCall([RPCError(code: .resourceExhausted, message: "busy"), RPCError(code: .unavailable, message: "down")])
    _ = try await retrier(recorder).run { try call() }
    #expect(recorder.recorded == [.seconds(1), .milliseconds(200)])
  }

  @Test("INTERNAL, UNKNOWN, ABORTED, DATA_LOSS and OUT_OF_RANGE are retried like UNAVAILABLE (a restarted server or a proxy answers these)")
  func retriesWhatSDKCoreRetries() async throws {
    for code in [RPCError.Code.internalError, .unknown, .aborted, .dataLoss, .outOfRange] {
      let recorder = SleepRecorder()
      let call = ScriptedCall([RPCError(code: code, message: "transient")])
      _ = try await retrier(recorder).run { try call() }
      #expect(call.attemptCount == 2, "\(code) should be retried once, then succeed")
      #expect(recorder.recorded == [.milliseconds(100)])
    }
  }

  @Test("a call cut off by cancellation (UNKNOWN caused by CancellationError) is not retried")
  func cancellationIsNotRetried() async throws {
    let recorder = SleepRecorder()
    let call = ScriptedCall([RPCError(code: .unknown, message: "", cause: CancellationError())])
    await #expect(throws: RPCError.self) { try await retrier(recorder).run { try call() } }
    #expect(call.attemptCount == 1)
  }

  @Test("errors that retrying cannot fix are thrown at once")
  func doesNotRetryPermanentErrors() async throws {
    let recorder = SleepRecorder()
    let call = ScriptedCall([RPCError(code: .invalidArgument, message: "bad")])
    await #expect(throws: RPCError.self) { try await retrier(recorder).run { try call() } }
    #expect(call.attemptCount == 1)
    #expect(recorder.recorded.isEmpty)
  }

  @Test("retries stop after maxAttempts, and the last error comes out")
  func stopsAfterMaxAttempts() async throws {
    let recorder = SleepRecorder()
    let call = ScriptedCall(Array(repeating: RPCError(code: .unavailable, message: "down"), count: 10))
    await #expect {
      try await retrier(recorder).run { try call() }
    } throws: { error in
      (error as? RPCError)?.code == .unavailable
    }
    #expect(call.attemptCount == 4)
    #expect(recorder.recorded.count == 3)
  }

  @Test("a budget ends retrying before the waits would add up past it")
  func respectsTheBudget() async throws {
    let recorder = SleepRecorder()
    let call = ScriptedCall(Array(repeating: RPCError(code: .unavailable, message: "down"), count: 10))
    await #expect(throws: RPCError.self) {
      try await retrier(recorder).run(budget: .milliseconds(350)) { try call() }
    }
    // 100 ms + 200 ms fit in 350 ms; the next 400 ms would not.
    #expect(recorder.recorded == [.milliseconds(100), .milliseconds(200)])
    #expect(call.attemptCount == 3)
  }
}
