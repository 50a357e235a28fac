import Testing

@testable import GafferCore

@Suite struct PollerScalerTests {
  let start = ContinuousClock.now
  func at(_ milliseconds: Int) -> ContinuousClock.Instant { self.start + .milliseconds(milliseconds) }

  @Test func fixedNeverMoves() {
    var scaler = PollerScaler(.fixed(5))
    #expect(scaler.record(.task(delta: 3), at: self.at(0)) == 0)
    #expect(scaler.record(.empty(delta: -2), at: self.at(1)) == 0)
    #expect(scaler.record(.failed(resourceExhausted: true), at: self.at(2)) == 0)
    #expect(scaler.target == 5)
  }

  @Test func startsAtInitialWithinBounds() {
    #expect(PollerScaler(.autoscaling(minimum: 2, initial: 7, maximum: 9)).target == 7)
  }

  @Test func followsTheServerUpWhileIntakeGrows() {
    var scaler = PollerScaler(.autoscaling(minimum: 1, initial: 5, maximum: 8))
    #expect(scaler.record(.task(delta: 1), at: self.at(0)) == 1)
    #expect(scaler.record(.task(delta: 2), at: self.at(10)) == 2)
    // Never past the maximum.
    #expect(scaler.record(.task(delta: 5), at: self.at(20)) == 0)
    #expect(scaler.target == 8)
  }

  @Test func noMorePollsThanSlotsNorWhileNoSlotIsFree() {
    var scaler = PollerScaler(.autoscaling(minimum: 1, initial: 5, maximum: 100))
    #expect(scaler.record(.task(delta: 1), at: self.at(0), slots: (maximum: 20, free: 0)) == 0)
    #expect(scaler.record(.task(delta: 10), at: self.at(1), slots: (maximum: 8, free: 3)) == 3)
    #expect(scaler.record(.task(delta: 1), at: self.at(2), slots: (maximum: 8, free: 3)) == 0)
    #expect(scaler.target == 8)
    // The slots shrink to 6: the target follows them down.
    #expect(scaler.record(.task(delta: nil), at: self.at(3), slots: (maximum: 6, free: 0)) == -2)
  }

  @Test func noScaleUpWhenIntakeStoppedGrowing() {
    var scaler = PollerScaler(.autoscaling(minimum: 1, initial: 5, maximum: 100))
    // Period 1 (0–100 ms): 10 tasks. Period 2 (100–200 ms): 10 again, not 10 % more.
    for index in 0..<10 { scaler.record(.task(delta: nil), at: self.at(index * 5)) }
    for index in 0..<10 { scaler.record(.task(delta: nil), at: self.at(100 + index * 5)) }
    // In period 3, the verdict on period 2 holds: the server's +1 is ignored.
    #expect(scaler.record(.task(delta: 1), at: self.at(210)) == 0)
    #expect(scaler.target == 5)
    // Period 3 took in 1 task (< 11): still no. Then, after two empty
    // periods, intake 0 ≥ 0 allows it again.
    #expect(scaler.record(.task(delta: 1), at: self.at(320)) == 0)
    #expect(scaler.record(.task(delta: 1), at: self.at(650)) == 1)
  }

  @Test func scaleUpAllowedWhileIntakeGrowsByTenPercent() {
    var scaler = PollerScaler(.autoscaling(minimum: 1, initial: 5, maximum: 100))
    for index in 0..<10 { scaler.record(.task(delta: nil), at: self.at(index * 5)) }
    for index in 0..<11 { scaler.record(.task(delta: nil), at: self.at(100 + index * 5)) }
    #expect(scaler.record(.task(delta: 1), at: self.at(205)) == 1)
  }

  @Test func followsTheServerDown() {
    var scaler = PollerScaler(.autoscaling(minimum: 2, initial: 5, maximum: 10))
    #expect(scaler.record(.empty(delta: -2), at: self.at(0)) == -2)
    #expect(scaler.record(.task(delta: -4), at: self.at(1)) == -1)
    #expect(scaler.target == 2)
  }

  @Test func emptyPollsScaleDownOnlyAfterTheServerHasDecided() {
    var scaler = PollerScaler(.autoscaling(minimum: 1, initial: 5, maximum: 10))
    #expect(scaler.record(.empty(delta: nil), at: self.at(0)) == 0)
    #expect(scaler.record(.failed(resourceExhausted: false), at: self.at(1)) == 0)
    #expect(scaler.record(.task(delta: 0), at: self.at(2)) == 0)
    #expect(scaler.record(.empty(delta: nil), at: self.at(3)) == -1)
    #expect(scaler.record(.failed(resourceExhausted: false), at: self.at(4)) == -1)
    #expect(scaler.target == 3)
  }

  @Test func namespaceCapabilityAllowsScalingDownFromTheStart() {
    var scaler = PollerScaler(.autoscaling(minimum: 1, initial: 5, maximum: 10), namespaceAutoscales: true)
    #expect(scaler.record(.empty(delta: nil), at: self.at(0)) == -1)
  }

  @Test func resourceExhaustedHalves() {
    var scaler = PollerScaler(.autoscaling(minimum: 3, initial: 20, maximum: 40), namespaceAutoscales: true)
    #expect(scaler.record(.failed(resourceExhausted: true), at: self.at(0)) == -10)
    #expect(scaler.record(.failed(resourceExhausted: true), at: self.at(1)) == -5)
    #expect(scaler.record(.failed(resourceExhausted: true), at: self.at(2)) == -2)
    #expect(scaler.target == 3)
  }
}

@Suite struct PollerBehaviorTests {
  @Test(arguments: [
    ("5", PollerBehavior.fixed(5)), (" 12 ", .fixed(12)), ("auto", .autoscaling(minimum: 1, initial: 5, maximum: 100)),
    ("AUTO:2,4,50", .autoscaling(minimum: 2, initial: 4, maximum: 50)), ("auto: 1, 1, 1", .autoscaling(minimum: 1, initial: 1, maximum: 1)),
  ])
  func parses(_ text: String, _ expected: PollerBehavior) {
    #expect(PollerBehavior(parsing: text) == expected)
    #expect(PollerBehavior(parsing: expected.description) == expected)
  }

  @Test(arguments: ["0", "-1", "1.5", "automatic", "auto:", "auto:1,5", "auto:0,5,10", "auto:5,4,10", "auto:1,11,10", "auto:1,5,x", "101", "auto:1,5,101"])
  func refuses(_ text: String) {
    #expect(PollerBehavior(parsing: text) == nil)
  }
}
