/// An error an activity throws to say exactly how its failure should look to
/// the workflow: its type, whether the server may retry it, and details the
/// workflow can read. Other Swift errors become application failures too,
/// typed by their Swift type name and retryable.
public struct ApplicationError: Error, Sendable, CustomStringConvertible {
  public var message: String
  /// Shown to the workflow as the failure's type, and matched against the
  /// retry policy's non-retryable error types. Defaults to "ApplicationError".
  public var type: String
  /// True stops the server from retrying, whatever the retry policy says.
  public var isNonRetryable: Bool
  /// Extra values for the workflow, one payload each.
  public var details: [Payload]
  /// Overrides the retry policy's delay before the next attempt.
  public var nextRetryDelay: Duration?
  /// The error that led to this one; sent as the failure's cause.
  public var cause: (any Error & Sendable)?

  public init(
    _ message: String,
    type: String = "ApplicationError",
    nonRetryable: Bool = false,
    details: [Payload] = [],
    nextRetryDelay: Duration? = nil,
    cause: (any Error & Sendable)? = nil
  ) {
    self.message = message
    self.type = type
    self.isNonRetryable = nonRetryable
    self.details = details
    self.nextRetryDelay = nextRetryDelay
    self.cause = cause
  }

  /// Encodes each of `details` as a payload with the default converter.
  public init<each Detail: Encodable>(
    _ message: String,
    type: String = "ApplicationError",
    nonRetryable: Bool = false,
    details: repeat each Detail,
    cause: (any Error & Sendable)? = nil
  ) throws {
    var payloads: [Payload] = []
    for detail in repeat each details {
      payloads.append(try PayloadConverter.default.payload(for: detail))
    }
    self.init(message, type: type, nonRetryable: nonRetryable, details: payloads, cause: cause)
  }

  public var description: String { "\(self.type): \(self.message)" }
}

/// Lets any error choose the failure type and retryability it is reported
/// with, without wrapping it in `ApplicationError`.
public protocol ActivityFailureConvertible: Error {
  /// The failure type; defaults to the Swift type name.
  var failureType: String { get }
  /// Defaults to false (retryable).
  var isNonRetryable: Bool { get }
}

extension ActivityFailureConvertible {
  public var failureType: String { String(describing: Swift.type(of: self)) }
  public var isNonRetryable: Bool { false }
}
