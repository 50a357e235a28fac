// The contract worker that acceptance runs and benchmarks drive: it
// registers exactly `noop`, `sleep_ms` and `heartbeat_ms` on $TASK_QUEUE
// and runs until SIGTERM or SIGINT, then drains and exits 0.
//
// Environment: TEMPORAL_ADDRESS (host:port, default 127.0.0.1:7233),
// TASK_QUEUE (default bench-act), MAX_CONCURRENT_ACTIVITIES (default 1000),
// ACTIVITY_POLLERS (default 5), and the other worker variables README lists.
import Dispatch
import Foundation
import GafferCore
import Logging

let environment = ProcessInfo.processInfo.environment

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("gaffer-bench-worker: \(message)\n".utf8))
  exit(2)
}

let address: ServerAddress
do {
  address = try ServerAddress(parsing: environment["TEMPORAL_ADDRESS"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1:7233")
} catch {
  fail("TEMPORAL_ADDRESS: \(error)")
}
let taskQueue = environment["TASK_QUEUE"].flatMap { $0.isEmpty ? nil : $0 } ?? "bench-act"
var options: WorkerOptions
do {
  var defaults = environment
  if defaults["MAX_CONCURRENT_ACTIVITIES"]?.isEmpty ?? true { defaults["MAX_CONCURRENT_ACTIVITIES"] = "1000" }
  options = try WorkerOptions(environment: defaults)
} catch {
  fail("\(error)")
}

LoggingSystem.bootstrap { label in
  var handler = StreamLogHandler.standardError(label: label)
  handler.logLevel = .info
  return handler
}

let activities = [
  Activity("noop") { (_, text: String) in text },
  Activity("sleep_ms") { (_, milliseconds: Int) in
    try await Task.sleep(for: .milliseconds(milliseconds))
    return milliseconds
  },
  Activity("heartbeat_ms") { (context, milliseconds: Int) in
    for step in 0..<(milliseconds / 10) {
      try await Task.sleep(for: .milliseconds(10))
      context.heartbeat(step + 1)
    }
    return milliseconds
  },
]

/// Turns SIGTERM and SIGINT into a graceful shutdown of `worker`.
final class SignalDrain {
  let sources: [any DispatchSourceSignal]

  init(worker: Worker) {
    self.sources = [SIGTERM, SIGINT].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { worker.beginGracefulShutdown() }
      source.resume()
      return source
    }
  }
}

do {
  try await TemporalConnection.withConnection(ConnectionOptions(address: address, namespace: "default")) { connection in
    let worker = try Worker(connection: connection, taskQueue: taskQueue, activities: activities, options: options)
    let drain = SignalDrain(worker: worker)
    try await worker.run()
    withExtendedLifetime(drain) {}
    FileHandle.standardError.write(Data("gaffer-bench-worker: drained (\(worker.snapshot().counters.completed) completed)\n".utf8))
  }
} catch {
  FileHandle.standardError.write(Data("gaffer-bench-worker: \(error)\n".utf8))
  exit(1)
}
