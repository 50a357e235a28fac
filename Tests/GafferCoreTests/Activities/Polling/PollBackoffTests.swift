@testable import GafferCore
import Testing

@Suite("Poll backoff")
struct PollBackoffTests {
  @Test("poll errors back off 200 ms doubling to 10 s; RESOURCE_EXHAUSTED 1 s doubling to 10 s")
  func schedule() {
    let middle: () -> Double = { 0.5 }  // no jitter
    let errors = (1...8).map { Worker.pollBackoff.delay(beforeRetry: $0, unitRandom: middle) }
    #expect(errors == [.milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600),
                       .milliseconds(3200), .milliseconds(6400), .seconds(10), .seconds(10)])
    let exhausted = (1...5).map { Worker.pollBackoffResourceExhausted.delay(beforeRetry: $0, unitRandom: middle) }
    #expect(exhausted == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10)])
    #expect(Worker.pollBackoff.jitter == 0.2)
  }
}
