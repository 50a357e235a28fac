/// When and how calls to the server are retried. Only failures that say
/// "try again later" are retried: UNAVAILABLE (the server or the network is
/// down for a moment) and RESOURCE_EXHAUSTED (the server is shedding load).
/// Long polls are never retried here: pollers run their own backoff.
public struct RetryOptions: Hashable, Sendable {
  /// Attempts in all, the first included. 1 turns retries off.
  public var maxAttempts: Int
  /// Backoff after UNAVAILABLE.
  public var backoff: RetryBackoff
  /// Backoff after RESOURCE_EXHAUSTED: slower, to let the server recover.
  public var resourceExhaustedBackoff: RetryBackoff

  public init(maxAttempts: Int, backoff: RetryBackoff, resourceExhaustedBackoff: RetryBackoff) {
    precondition(maxAttempts >= 1, "RetryOptions.maxAttempts counts the first attempt, so it is at least 1")
    self.maxAttempts = maxAttempts
    self.backoff = backoff
    self.resourceExhaustedBackoff = resourceExhaustedBackoff
  }

  /// The official SDKs' shape: 100 ms growing ×1.7 to 5 s for UNAVAILABLE,
  /// 1 s doubling to 10 s for RESOURCE_EXHAUSTED, ±20 % jitter, 10 attempts.
  public static let standard = RetryOptions(
    maxAttempts: 10,
    backoff: RetryBackoff(initial: .milliseconds(100), multiplier: 1.7, maximum: .seconds(5), jitter: 0.2),
    resourceExhaustedBackoff: RetryBackoff(initial: .seconds(1), multiplier: 2, maximum: .seconds(10), jitter: 0.2)
  )

  /// No retries at all.
  public static let none = RetryOptions(
    maxAttempts: 1,
    backoff: RetryOptions.standard.backoff,
    resourceExhaustedBackoff: RetryOptions.standard.resourceExhaustedBackoff
  )
}
