import Foundation
import GafferCore
import GafferService
import Testing

/// A `WorkerApplication` run in a task of its own, as a deployed process
/// runs it, with its worker in hand once it exists; `run` ends when the
/// worker has stopped.
struct RunningApplication {
  let worker: Worker
  let run: Task<WorkerSnapshot, any Error>

  /// A worker of one activity, `noop`, that returns its text.
  static func start(_ configuration: GafferConfiguration) async throws -> RunningApplication {
    let application = WorkerApplication(
      configuration: configuration, activities: [Activity("noop") { (_, text: String) in text }])
    let (workers, workerSink) = AsyncStream<Worker>.makeStream()
    let run = Task {
      try await application.run { worker in
        workerSink.yield(worker)
        try? await Task.sleep(for: .seconds(3600))
      }
    }
    var iterator = workers.makeAsyncIterator()
    return RunningApplication(worker: try #require(await iterator.next()), run: run)
  }
}
