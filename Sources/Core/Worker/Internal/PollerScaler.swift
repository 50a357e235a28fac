/// The number of activity polls to keep open. With a fixed behaviour it
/// never moves; with autoscaling it follows sdk-core's rules:
/// - the server's `poller_scaling_decision` on a poll response moves it by
///   the suggested delta — up only if the previous 100 ms took in at least
///   10 % more tasks than the 100 ms before (else more polls won't help);
/// - once the server has made a decision (or the namespace says it
///   autoscales), an empty poll without one takes one poll away, and so
///   does a failed poll; `RESOURCE_EXHAUSTED` halves it;
/// - it always stays within minimum...maximum, and the server's "more" is
///   ignored while no slot is free or the target already equals the slot
///   count: a poll can only run with a free slot, so more would only wait
///   (the API's own example of a suggestion to ignore).
/// Plain data: the worker feeds it poll outcomes and reads `target`.
struct PollerScaler: Sendable {
  enum Outcome: Sendable {
    /// A poll returned. `delta` is the server's suggestion, if it made one.
    case task(delta: Int?)
    case empty(delta: Int?)
    case failed(resourceExhausted: Bool)
  }

  static let period: Duration = .milliseconds(100)

  private(set) var behavior: PollerBehavior
  private(set) var minimum: Int
  private(set) var maximum: Int
  private(set) var target: Int
  /// True once the server has sent a scaling decision, or from the start
  /// when the namespace declares poller autoscaling.
  private(set) var mayScaleDownUnprompted: Bool

  private var periodStart: ContinuousClock.Instant?
  private var ingestedThisPeriod = 0
  private var ingestedLastPeriod = 0
  private var scaleUpAllowed = true

  init(_ behavior: PollerBehavior, namespaceAutoscales: Bool = false) {
    self.behavior = behavior
    switch behavior {
    case .fixed(let count):
      (self.minimum, self.maximum, self.target) = (count, count, count)
    case .autoscaling(let minimum, let initial, let maximum):
      (self.minimum, self.maximum, self.target) = (minimum, maximum, min(max(initial, minimum), maximum))
    }
    self.mayScaleDownUnprompted = namespaceAutoscales
  }

  /// Records one poll's outcome; returns the target's change (0 if none).
  /// `slots` is the activity slot pool's size and how many are free now.
  @discardableResult
  mutating func record(
    _ outcome: Outcome, at now: ContinuousClock.Instant, slots: (maximum: Int, free: Int) = (.max, .max)
  ) -> Int {
    guard self.behavior.isAutoscaling else { return 0 }
    self.advancePeriods(to: now)
    let before = self.target
    // Slots shrank under the target: the extra polls could never run.
    if self.target > slots.maximum { self.target = self.clamped(slots.maximum) }
    switch outcome {
    case .task(let delta), .empty(let delta):
      if case .task = outcome { self.ingestedThisPeriod += 1 }
      if let delta {
        self.mayScaleDownUnprompted = true
        if delta < 0 {
          self.change(by: delta)
        } else if delta > 0, self.scaleUpAllowed, slots.free > 0, self.target < slots.maximum {
          self.target = min(self.clamped(self.target + delta), max(slots.maximum, self.minimum))
        }
      } else if case .empty = outcome, self.mayScaleDownUnprompted {
        self.change(by: -1)
      }
    case .failed(let resourceExhausted):
      guard self.mayScaleDownUnprompted else { break }
      if resourceExhausted {
        self.target = self.clamped(self.target / 2)
      } else {
        self.change(by: -1)
      }
    }
    return self.target - before
  }

  private mutating func change(by delta: Int) {
    self.target = self.clamped(self.target + delta)
  }

  private func clamped(_ value: Int) -> Int { min(max(value, self.minimum), self.maximum) }

  /// Closes the 100 ms periods that ended before `now`, as sdk-core's
  /// ticker would have: scale-up stays allowed while intake keeps growing.
  private mutating func advancePeriods(to now: ContinuousClock.Instant) {
    guard let start = self.periodStart else {
      self.periodStart = now
      return
    }
    var elapsed = now - start
    var closed = 0
    // Once three periods have closed, the rest were empty and change
    // nothing: the last two saw no intake, so scale-up is allowed again.
    while elapsed >= Self.period && closed < 3 {
      let ingested = self.ingestedThisPeriod
      self.scaleUpAllowed = ingested >= Int(Double(self.ingestedLastPeriod) * 1.1)
      self.ingestedLastPeriod = ingested
      self.ingestedThisPeriod = 0
      elapsed -= Self.period
      closed += 1
    }
    if elapsed >= Self.period {
      let periods = Int(elapsed / Self.period)
      elapsed -= Self.period * periods
    }
    self.periodStart = now - elapsed
  }
}
