// The contract worker that acceptance runs and benchmarks drive: it
// registers exactly `noop`, `sleep_ms` and `heartbeat_ms` and the workflows
// `chain`, `fanout`, `timer`, `counter`, `fail` and `sleep_forever`
// (ContractWorkflows.swift) on $TASK_QUEUE and runs until SIGTERM or
// SIGINT, then drains and exits 0.
//
// Configured like any Gaffer worker (`gaffer config` lists the variables),
// with the bench contract's own defaults: TASK_QUEUE (or TEMPORAL_TASK_QUEUE)
// bench-act, MAX_CONCURRENT_ACTIVITIES 1000 and ACTIVITY_POLLERS 5. With a terminal it shows
// the console.
import Foundation
import GafferCore
import GafferService
import GafferTUI
import Logging

let environment = ProcessInfo.processInfo.environment

func fail(_ message: String, status: Int32) -> Never {
  StandardStream.error.write("gaffer-bench-worker: \(message)\n")
  exit(status)
}

let configuration: GafferConfiguration
do {
  configuration = try GafferConfiguration(
    environment: environment,
    defaults: [
      "TEMPORAL_TASK_QUEUE": environment["TASK_QUEUE"].flatMap { $0.isEmpty ? nil : $0 } ?? "bench-act",
      "MAX_CONCURRENT_ACTIVITIES": "1000",
      // The contract's 5, the SDKs' default; ACTIVITY_POLLERS=auto is Gaffer's.
      "ACTIVITY_POLLERS": "5",
    ])
} catch {
  fail(error.message, status: 2)
}

ConsoleLog.bootstrap(level: configuration.logLevel, format: configuration.logFormat)

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
  let final = try await WorkerApplication(
    configuration: configuration, activities: activities, workflows: ContractWorkflows.all,
    logger: Logger(label: "gaffer.worker")
  ).run()
  // One line the chaos suite reads to compare the worker's counts with the server's.
  let counters = final.counters
  StandardStream.error.write(
    "gaffer-bench-worker: drained: received=\(counters.received) completed=\(counters.completed) failed=\(counters.failed) cancelled=\(counters.cancelled) dropped=\(counters.dropped) abandoned=\(counters.reportsAbandoned)\n"
  )
} catch {
  fail("\(error)", status: 1)
}
