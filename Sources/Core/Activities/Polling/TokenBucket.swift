/// The worker-side rate limit in front of polling: a token bucket that
/// refills at `rate` tokens a second and holds at most `burst`. Plain state:
/// the caller passes the time and sleeps for what `reserve` returns.
///
/// Reserving always succeeds and books the token ahead of time, so callers
/// queue in order and each waits only for its own token.
struct TokenBucket: Sendable {
  let rate: Double
  let burst: Double
  /// When the bucket would next be empty-but-for-one: tokens are booked
  /// against this instant rather than counted.
  private var nextFree: ContinuousClock.Instant?

  init(rate: Double, burst: Double = 1) {
    precondition(rate > 0 && rate.isFinite, "a token bucket needs a positive rate")
    precondition(burst >= 1, "a token bucket holds at least one token")
    self.rate = rate
    self.burst = burst
  }

  private var spacing: Duration { .nanoseconds(Int64((1e9 / self.rate).rounded(.up))) }

  /// Books one token; returns how long to wait before using it (zero if one is free now).
  mutating func reserve(at now: ContinuousClock.Instant) -> Duration {
    let spacing = self.spacing
    // An idle bucket fills up to `burst` tokens, i.e. books may start that far back.
    let earliest = now - spacing * (self.burst - 1)
    let start = max(self.nextFree ?? earliest, earliest)
    self.nextFree = start + spacing
    return max(.zero, start - now)
  }

  /// Gives back a token booked but not used (the poller was stopped while waiting).
  mutating func cancelReservation() {
    if let next = self.nextFree { self.nextFree = next - self.spacing }
  }
}
