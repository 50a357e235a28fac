// The contract worker that acceptance runs and benchmarks drive: it
// registers exactly `noop`, `sleep_ms` and `heartbeat_ms` on $TASK_QUEUE
// and runs until SIGTERM or SIGINT, then drains and exits 0.
//
// Environment: TEMPORAL_ADDRESS (host:port, default 127.0.0.1:7233),
// TASK_QUEUE (default bench-act), MAX_CONCURRENT_ACTIVITIES (default 1000),
// ACTIVITY_POLLERS (default 5), and the other worker variables README lists.
// With a terminal it shows the console (GAFFER_CONSOLE=auto|on|off,
// GAFFER_THEME, GAFFER_CONSOLE_READ_ONLY, GAFFER_LOG_FILE).
import Foundation
import GafferCore
import GafferTUI
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

let consoleOptions: ConsoleOptions
do {
  consoleOptions = try ConsoleOptions(environment: environment)
} catch {
  fail("\(error)")
}

ConsoleLog.bootstrap(level: .info)

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

do {
  try await TemporalConnection.withConnection(ConnectionOptions(address: address, namespace: "default")) { connection in
    let worker = try Worker(connection: connection, taskQueue: taskQueue, activities: activities, options: options)
    // SIGTERM / SIGINT drain the worker (a second one forces), with or
    // without the console.
    try await Console(worker: worker, options: consoleOptions).run()
    FileHandle.standardError.write(Data("gaffer-bench-worker: drained (\(worker.snapshot().counters.completed) completed)\n".utf8))
  }
} catch {
  FileHandle.standardError.write(Data("gaffer-bench-worker: \(error)\n".utf8))
  exit(1)
}
