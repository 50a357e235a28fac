/// Counts of activity outcomes since the worker started.
public struct ActivityCounters: Hashable, Sendable {
  /// Tasks received from polls.
  public var received = 0
  /// Received tasks that were retries (attempt 2 or later).
  public var retries = 0
  /// The most activities that ran at once.
  public var peakInFlight = 0
  public var completed = 0
  public var failed = 0
  public var cancelled = 0
  /// Attempts that ended without a report: the server no longer knew them
  /// (not found), or timed them out first.
  public var dropped = 0
  /// Reports the server never accepted after all retries: logged, counted here.
  public var reportsAbandoned = 0
  /// Attempts that ignored their cancellation and still ran at their
  /// deadline: the worker stopped waiting for them, and their slots stay
  /// taken (shown as stuck) until they return.
  public var abandoned = 0
  /// The same counts, per activity type.
  public var byType: [String: PerType] = [:]

  public struct PerType: Hashable, Sendable {
    public var completed = 0
    public var failed = 0
    public var cancelled = 0

    public init(
      completed: Int = 0,
      failed: Int = 0,
      cancelled: Int = 0
    ) {
      self.completed = completed
      self.failed = failed
      self.cancelled = cancelled
    }
  }

  public init() {}
}
