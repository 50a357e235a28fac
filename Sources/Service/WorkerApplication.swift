public import GafferCore
public import GafferTUI
public import Logging
public import Prometheus
internal import ServiceLifecycle
internal import GafferControl
internal import Foundation

/// Runs one worker the way a deployed Gaffer process does: connect, start
/// the worker with the console (or headless), serve /health /ready /metrics
/// when a port is set, all in one `ServiceGroup`. SIGTERM, SIGINT and SIGHUP
/// drain the worker; a second one forces it. The console owns the signals
/// (with or without a terminal), so that its screen says what they did;
/// when the worker has stopped, the group stops the rest.
///
/// ```swift
/// let configuration = try GafferConfiguration(environment: ProcessInfo.processInfo.environment)
/// try await WorkerApplication(configuration: configuration, activities: [greet]).run()
/// ```
public struct WorkerApplication: Sendable {
  public var configuration: GafferConfiguration
  public var activities: [Activity]
  public var workflows: [Workflow]
  /// Where the worker's metrics go; /metrics serves it.
  public var registry: PrometheusCollectorRegistry
  public var logger: Logger

  public init(
    configuration: GafferConfiguration,
    activities: [Activity],
    workflows: [Workflow] = [],
    registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    logger: Logger = Logger(label: "gaffer")
  ) {
    self.configuration = configuration
    self.activities = activities
    self.workflows = workflows
    self.registry = registry
    self.logger = logger
  }

  /// Runs until the worker has stopped and returns its last snapshot.
  /// `alongside` runs beside the worker (a load driver, a sampler) and is
  /// cancelled when the worker stops. Throws `WorkerFailedError` when the
  /// worker failed, and `ConnectionError` when it could not connect.
  @discardableResult
  public func run(
    alongside: @escaping @Sendable (Worker) async -> Void = { _ in }
  ) async throws -> WorkerSnapshot {
    let taskQueue = try self.configuration.requiredTaskQueue()
    let consoleOptions = self.configuration.console
    return try await TemporalConnection.withConnection(self.configuration.connection, logger: self.logger) {
      connection in
      let worker = try Worker(
        connection: connection, taskQueue: taskQueue, activities: self.activities, workflows: self.workflows,
        options: self.configuration.worker, logger: self.logger,
        metrics: PrometheusMetricsFactory(registry: self.registry))
      let console = Console(worker: worker, options: consoleOptions)
      // Before any service starts: the code beside the worker may tell
      // others it is up (the demo's "load driver started"), and a signal
      // they send then must drain the worker.
      if consoleOptions.handlesSignals { console.catchSignals() }
      var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
      if let http = self.configuration.http {
        services.append(
          .init(
            service: HealthServer(
              worker: worker, registry: self.registry, host: http.host, port: http.port, logger: self.logger)))
      }
      services.append(.init(service: AlongsideService { await alongside(worker) }))
      // Last: the group stops services in reverse order, so /ready keeps
      // answering while the worker drains.
      services.append(
        .init(service: console, successTerminationBehavior: .gracefullyShutdownGroup))
      var group = ServiceGroupConfiguration(services: services, logger: self.logger)
      group.logger.logLevel = .warning
      let control = self.startControlSocket(for: worker)
      do {
        try await ServiceGroup(configuration: group).run()
      } catch {
        await control?.stop(exitCode: 1)
        throw error
      }
      let final = worker.snapshot()
      if case .failed = final.lifecycle {
        await control?.stop(exitCode: 1)
      } else {
        await control?.stop(exitCode: 0)
      }
      return final
    }
  }
}

extension WorkerApplication {
  /// The control socket, unless it is off. A socket that can't be set up
  /// costs the operator `gaffer attach`, not the worker: it is logged and
  /// the worker runs without it.
  fileprivate func startControlSocket(for worker: Worker) -> ControlServer? {
    guard let location = self.configuration.controlSocket else { return nil }
    do {
      if location.isDefault { try ControlSocketPath.prepareDirectory(of: location.path) }
      let server = try ControlServer(path: location.path, target: worker, logger: self.logger)
      server.start()
      return server
    } catch {
      self.logger.error(
        "control socket not served; gaffer attach can't reach this worker",
        metadata: [
          "control.socket": "\(location.path)", "error": "\(error)",
          "hint": "set \(ControlSocketPath.variable) to a path this user can create, or to off",
        ])
      return nil
    }
  }
}

/// Runs a closure as a service until the group stops it; returning early
/// leaves the group running.
private struct AlongsideService: Service {
  let body: @Sendable () async -> Void

  func run() async throws {
    await cancelWhenGracefulShutdown {
      await self.body()
      // Stay until the group shuts down, so an early return stops nothing.
      try? await gracefulShutdown()
    }
  }
}
