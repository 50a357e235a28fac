/// Something a workflow awaited was cancelled (the workflow's cancellation
/// reaching an activity or timer). Letting it propagate out of the workflow
/// after a cancel request ends the workflow as canceled.
public struct CancelledError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public var details: [Payload]

  public init(_ message: String = "cancelled", details: [Payload] = []) {
    self.message = message
    self.details = details
  }

  public var description: String { "cancelled: \(self.message)" }
}
