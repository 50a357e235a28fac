internal import GRPCCore

/// Runs one unary call, retrying it after the statuses sdk-core retries
/// (UNAVAILABLE; RESOURCE_EXHAUSTED on its own slower backoff; INTERNAL,
/// UNKNOWN, ABORTED, DATA_LOSS, OUT_OF_RANGE) with jittered exponential backoff. Sleeping is injected so tests run on
/// virtual time; cancellation ends the wait at once.
struct RPCRetrier: Sendable {
  typealias Sleep = @Sendable (Duration) async throws -> Void

  var options: RetryOptions
  var sleep: Sleep
  var unitRandom: @Sendable () -> Double

  init(
    options: RetryOptions,
    sleep: @escaping Sleep = { try await Task.sleep(for: $0) },
    unitRandom: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    self.options = options
    self.sleep = sleep
    self.unitRandom = unitRandom
  }

  /// The backoff for a failure that is worth retrying, nil otherwise.
  func backoff(for code: RPCError.Code) -> RetryBackoff? {
    switch code {
    case .unavailable, .internalError, .unknown, .aborted, .dataLoss, .outOfRange: self.options.backoff
    case .resourceExhausted: self.options.resourceExhaustedBackoff
    default: nil
    }
  }

  /// Calls `attempt` until it succeeds, fails in a way not worth retrying,
  /// runs out of attempts, or would wait past `budget` in all.
  /// `onRetry` hears of each retry before its wait (for logging).
  func run<Response>(
    budget: Duration? = nil,
    onRetry: (_ error: RPCError, _ retry: Int, _ delay: Duration) -> Void = { _, _, _ in },
    _ attempt: () async throws -> Response
  ) async throws -> Response {
    var waited = Duration.zero
    var retry = 1
    while true {
      do {
        return try await attempt()
      } catch let error as RPCError {
        // A call cut off by cancellation arrives as UNKNOWN caused by CancellationError.
        guard retry < self.options.maxAttempts, !(error.cause is CancellationError), !Task.isCancelled,
          let backoff = self.backoff(for: error.code)
        else { throw error }
        let delay = backoff.delay(beforeRetry: retry, unitRandom: self.unitRandom)
        if let budget, waited + delay > budget { throw error }
        onRetry(error, retry, delay)
        try await self.sleep(delay)
        waited += delay
        retry += 1
      }
    }
  }
}
