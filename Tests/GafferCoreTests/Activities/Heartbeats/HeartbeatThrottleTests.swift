import Foundation
@testable import GafferCore
import Testing

@Suite("Heartbeat throttling")
struct HeartbeatThrottleTests {
  let t0 = ContinuousClock.now

  func details(_ text: String) -> [Payload] {
    [Payload(metadata: ["encoding": Data("json/plain".utf8)], data: Data("\"\(text)\"".utf8))]
  }

  @Test("the window is 80 % of the heartbeat timeout, else 30 s, and never more than 60 s")
  func windowLength() {
    #expect(HeartbeatThrottle.interval(heartbeatTimeout: .seconds(10)) == .seconds(8))
    #expect(HeartbeatThrottle.interval(heartbeatTimeout: nil) == .seconds(30))
    #expect(HeartbeatThrottle.interval(heartbeatTimeout: .zero) == .seconds(30))
    #expect(HeartbeatThrottle.interval(heartbeatTimeout: .seconds(600)) == .seconds(60))
    #expect(
      HeartbeatThrottle.interval(heartbeatTimeout: nil, defaultInterval: .seconds(5), maximumInterval: .seconds(60))
        == .seconds(5))
  }

  @Test("the first heartbeat goes out at once and opens a window")
  func firstIsImmediate() {
    var throttle = HeartbeatThrottle(interval: .seconds(8))
    #expect(throttle.heartbeatRecorded(details("1"), at: t0) == .send(details("1"), windowEndsAt: t0 + .seconds(8)))
    #expect(throttle.lastSentAt == t0)
  }

  @Test("inside the window only the latest details are kept, and they go out when it ends")
  func latestWins() {
    var throttle = HeartbeatThrottle(interval: .seconds(8))
    _ = throttle.heartbeatRecorded(details("1"), at: t0)
    #expect(throttle.heartbeatRecorded(details("2"), at: t0 + .seconds(1)) == .none)
    #expect(throttle.heartbeatRecorded(details("3"), at: t0 + .seconds(2)) == .none)
    #expect(throttle.pendingDetails == details("3"))
    #expect(throttle.lastRecordedAt == t0 + .seconds(2))
    #expect(
      throttle.windowEnded(at: t0 + .seconds(8)) == .send(details("3"), windowEndsAt: t0 + .seconds(16)))
    #expect(throttle.pendingDetails == nil)
  }

  @Test("a window that ends with nothing pending closes, and the next heartbeat goes out at once")
  func quietWindowCloses() {
    var throttle = HeartbeatThrottle(interval: .seconds(8))
    _ = throttle.heartbeatRecorded(details("1"), at: t0)
    #expect(throttle.windowEnded(at: t0 + .seconds(8)) == .none)
    #expect(
      throttle.heartbeatRecorded(details("2"), at: t0 + .seconds(20))
        == .send(details("2"), windowEndsAt: t0 + .seconds(28)))
  }

  @Test("failure and cancellation flush pending details; success drops them")
  func finishing() {
    for (outcome, expected) in [
      (HeartbeatThrottle.Outcome.failed, HeartbeatThrottle.Action.flush(details("2"))),
      (.cancelled, .flush(details("2"))),
      (.completed, .none),
    ] {
      var throttle = HeartbeatThrottle(interval: .seconds(8))
      _ = throttle.heartbeatRecorded(details("1"), at: t0)
      _ = throttle.heartbeatRecorded(details("2"), at: t0 + .seconds(1))
      #expect(throttle.attemptFinished(outcome) == expected)
    }
  }

  @Test("with nothing pending, finishing sends nothing")
  func finishingWithNothingPending() {
    var throttle = HeartbeatThrottle(interval: .seconds(8))
    _ = throttle.heartbeatRecorded(details("1"), at: t0)
    #expect(throttle.attemptFinished(.failed) == .none)
  }

  @Test("after the attempt ends, heartbeats and stale window timers do nothing")
  func afterFinish() {
    var throttle = HeartbeatThrottle(interval: .seconds(8))
    _ = throttle.heartbeatRecorded(details("1"), at: t0)
    _ = throttle.attemptFinished(.completed)
    #expect(throttle.heartbeatRecorded(details("2"), at: t0 + .seconds(1)) == .none)
    #expect(throttle.windowEnded(at: t0 + .seconds(8)) == .none)
  }
}
