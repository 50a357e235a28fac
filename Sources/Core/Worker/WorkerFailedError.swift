/// Thrown by `Worker.run()` when the worker stopped because of something no
/// retry could fix, such as a namespace the server does not know or
/// credentials it refuses. Running activities were drained first.
public struct WorkerFailedError: Error, Sendable, CustomStringConvertible {
  public let taskQueue: String
  public let reason: String

  public var description: String {
    "The worker for task queue '\(self.taskQueue)' failed: \(self.reason)"
  }
}
