/// Exponential backoff with jitter: the delay before retry number `n`
/// (counting from 1) is `initial × multiplier^(n-1)`, capped at `maximum`,
/// then spread by ± `jitter` of itself so many workers do not retry in step.
public struct RetryBackoff: Hashable, Sendable {
  public var initial: Duration
  public var multiplier: Double
  public var maximum: Duration
  /// Fraction of the delay to spread it by, from 0 (none) to 1.
  public var jitter: Double

  public init(initial: Duration, multiplier: Double, maximum: Duration, jitter: Double) {
    precondition(initial > .zero && maximum >= initial, "RetryBackoff needs 0 < initial <= maximum")
    precondition(multiplier >= 1, "RetryBackoff needs a multiplier of at least 1")
    precondition((0...1).contains(jitter), "RetryBackoff jitter is a fraction from 0 to 1")
    self.initial = initial
    self.multiplier = multiplier
    self.maximum = maximum
    self.jitter = jitter
  }

  /// The delay before retry `retry` (1 = the first retry). `unitRandom`
  /// returns a value in 0..<1; tests pass a fixed one.
  public func delay(beforeRetry retry: Int, unitRandom: () -> Double = { Double.random(in: 0..<1) }) -> Duration {
    precondition(retry >= 1, "retries count from 1")
    let initialSeconds = self.initial.seconds
    let maximumSeconds = self.maximum.seconds
    // Stop multiplying once the cap is reached so large retry counts cannot overflow.
    var base = initialSeconds
    var step = 1
    while step < retry && base < maximumSeconds {
      base *= self.multiplier
      step += 1
    }
    base = min(base, maximumSeconds)
    let spread = base * self.jitter * (2 * unitRandom() - 1)
    return .nanoseconds(Int64(((base + spread) * 1e9).rounded()))
  }
}
