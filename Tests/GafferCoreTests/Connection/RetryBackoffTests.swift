import GafferCore
import Testing

@Suite("Retry backoff")
struct RetryBackoffTests {
  let backoff = RetryBackoff(initial: .milliseconds(200), multiplier: 2, maximum: .seconds(10), jitter: 0.2)

  @Test("without jitter the delay doubles from the initial value up to the cap")
  func growsToTheCap() {
    let middle = { 0.5 }  // 2 × 0.5 − 1 = 0: no spread
    let delays = (1...9).map { backoff.delay(beforeRetry: $0, unitRandom: middle) }
    #expect(
      delays == [
        .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600), .milliseconds(3200),
        .milliseconds(6400), .seconds(10), .seconds(10), .seconds(10),
      ])
  }

  @Test("jitter spreads the delay by at most the configured fraction, both ways")
  func jitterStaysInBounds() {
    #expect(backoff.delay(beforeRetry: 1, unitRandom: { 0 }) == .milliseconds(160))
    #expect(backoff.delay(beforeRetry: 1, unitRandom: { 0.75 }) == .milliseconds(220))
    #expect(backoff.delay(beforeRetry: 1, unitRandom: { 0.999_999_999 }) <= .milliseconds(240))
    #expect(backoff.delay(beforeRetry: 1, unitRandom: { 0.999_999_999 }) > .milliseconds(239))
    #expect(backoff.delay(beforeRetry: 50, unitRandom: { 0 }) == .seconds(8))
  }

  @Test("a huge retry count stays at the cap instead of overflowing")
  func hugeRetryCount() {
    #expect(backoff.delay(beforeRetry: 10_000, unitRandom: { 0.5 }) == .seconds(10))
  }
}
