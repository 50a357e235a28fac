/// Counts of activity outcomes since the worker started.
public struct ActivityCounters: Hashable, Sendable, Codable {
  /// Tasks received: from polls, and eager ones a workflow task's
  /// completion brought.
  public var received = 0
  /// Of those, the eager ones: started here with no activity poll.
  public var eager = 0
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
  /// The same counts, per activity type. Types this worker runs always
  /// have their own entry; of the types the server sends that it does not
  /// run, the first `maximumTypes` do, and the rest share `otherTypes`, so
  /// a stream of made-up names can't grow it without bound.
  public var byType: [String: PerType] = [:]

  /// How many activity types this worker doesn't run get counts of their own.
  public static let maximumTypes = 100
  /// The key that counts every further type this worker doesn't run.
  public static let otherTypes = "(other types)"
  private var unregisteredTypes = 0

  /// The `byType` key to count an outcome of `type` under.
  mutating func key(for type: String, registered: Bool) -> String {
    if registered || self.byType[type] != nil { return type }
    guard self.unregisteredTypes < Self.maximumTypes else { return Self.otherTypes }
    self.unregisteredTypes += 1
    return type
  }

  public struct PerType: Hashable, Sendable, Codable {
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
