/// How the server retries an activity a workflow schedules. Every field left
/// nil takes the server's default (1 s initial interval, coefficient 2,
/// maximum 100 × initial, unlimited attempts).
public struct RetryPolicy: Hashable, Sendable {
  public var initialInterval: Duration?
  public var backoffCoefficient: Double?
  public var maximumInterval: Duration?
  /// 0 or nil: unlimited; 1: no retries.
  public var maximumAttempts: Int?
  /// Failure types (`ApplicationError.type`) the server never retries.
  public var nonRetryableErrorTypes: [String]

  public init(
    initialInterval: Duration? = nil,
    backoffCoefficient: Double? = nil,
    maximumInterval: Duration? = nil,
    maximumAttempts: Int? = nil,
    nonRetryableErrorTypes: [String] = []
  ) {
    self.initialInterval = initialInterval
    self.backoffCoefficient = backoffCoefficient
    self.maximumInterval = maximumInterval
    self.maximumAttempts = maximumAttempts
    self.nonRetryableErrorTypes = nonRetryableErrorTypes
  }
}
