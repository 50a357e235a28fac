// The contract worker that acceptance runs and benchmarks drive: it
// registers exactly `noop`, `sleep_ms` and `heartbeat_ms` and the workflows
// `chain`, `fanout`, `timer`, `counter`, `fail` and `sleep_forever`
// (Sources/BenchContract) on $TASK_QUEUE and runs until SIGTERM or
// SIGINT, then drains and exits 0. `replay FILE.json…` replays recorded
// histories of those workflows instead.
//
// Configured like any Gaffer worker (`gaffer config` lists the variables),
// with the bench contract's own defaults: TASK_QUEUE (or TEMPORAL_TASK_QUEUE)
// bench-act, MAX_CONCURRENT_ACTIVITIES 1000 and ACTIVITY_POLLERS 5. With a terminal it shows
// the console.
import Foundation
import BenchContract
import GafferCore
import GafferService
import GafferTUI
import Logging

let environment = ProcessInfo.processInfo.environment

func fail(_ message: String, status: Int32) -> Never {
  StandardStream.error.write("gaffer-bench-worker: \(message)\n")
  exit(status)
}

// `gaffer-bench-worker replay FILE.json…`: replays histories against the
// contract's workflows; exit 0 when all replay, 1 at the first divergence
// or failure, 2 when a file can't be read as a history.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "replay" {
  let files = arguments.dropFirst()
  guard !files.isEmpty else {
    fail("replay needs history files: gaffer-bench-worker replay FILE.json… (from `temporal workflow show -o json`)", status: 2)
  }
  let replayer = try WorkflowReplayer(workflows: ContractWorkflows.all)
  for file in files {
    do {
      let events = try replayer.replay(historyFile: URL(fileURLWithPath: file))
      print("ok \(file) (\(events) events)")
    } catch {
      fail(error.message, status: error.kind == .unreadableHistory ? 2 : 1)
    }
  }
  exit(0)
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

let activities = ContractActivities.all

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
