@testable import GafferCore
import Testing

@Suite("Worker-side rate limit (token bucket)")
struct TokenBucketTests {
  let start = ContinuousClock.now

  @Test("at 10 per second, back-to-back reservations are spaced 100 ms apart")
  func spacing() {
    var bucket = TokenBucket(rate: 10)
    let waits = (0..<4).map { _ in bucket.reserve(at: self.start) }
    #expect(waits == [.zero, .milliseconds(100), .milliseconds(200), .milliseconds(300)])
  }

  @Test("an idle bucket refills: after waiting its spacing, the next token is free")
  func refills() {
    var bucket = TokenBucket(rate: 4)
    #expect(bucket.reserve(at: self.start) == .zero)
    #expect(bucket.reserve(at: self.start + .milliseconds(250)) == .zero)
    #expect(bucket.reserve(at: self.start + .milliseconds(300)) == .milliseconds(200))
  }

  @Test("a burst of 3 lets three through at once after idling, then spaces the rest")
  func burst() {
    var bucket = TokenBucket(rate: 10, burst: 3)
    let later = self.start + .seconds(5)
    let waits = (0..<5).map { _ in bucket.reserve(at: later) }
    #expect(waits == [.zero, .zero, .zero, .milliseconds(100), .milliseconds(200)])
  }

  @Test("a cancelled reservation gives its token back")
  func cancel() {
    var bucket = TokenBucket(rate: 10)
    _ = bucket.reserve(at: self.start)
    _ = bucket.reserve(at: self.start)
    bucket.cancelReservation()
    #expect(bucket.reserve(at: self.start) == .milliseconds(100))
  }
}
