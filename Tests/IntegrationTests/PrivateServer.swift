import Foundation
import GafferCore
import Testing

/// A dev server of one test's own, on a fixed port so it can come back
/// where it was, be frozen (SIGSTOP) or killed; the shared one must not be
/// stopped under other tests.
struct PrivateServer {
  let directory: URL
  let port: Int
  /// Keeps state in a database file, so a restart keeps running activities.
  let persistent: Bool
  /// Whether ShutdownWorker ends a worker's open polls (namespace capability).
  let pollCompleteOnShutdown: Bool
  var address: String { "127.0.0.1:\(self.port)" }

  /// Options for a connection to this server, with room to connect on a busy machine.
  var connectionOptions: ConnectionOptions {
    get throws {
      var options = ConnectionOptions(address: try ServerAddress(parsing: self.address))
      options.connectTimeout = .seconds(10)
      return options
    }
  }

  private init(persistent: Bool, pollCompleteOnShutdown: Bool) throws {
    self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaffer-outage-\(UUID().uuidString.prefix(8))")
    self.port = try TestServer.closedPort()
    self.persistent = persistent
    self.pollCompleteOnShutdown = pollCompleteOnShutdown
  }

  /// Runs scripts/dev-server with its output in files: the server it
  /// starts would otherwise hold a pipe open and reading would never end.
  func run(_ command: String) async throws {
    try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    let output = self.directory.appendingPathComponent("\(command).out")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let process = Process()
    process.executableURL = PackagePaths.root.appendingPathComponent("scripts/dev-server")
    process.arguments = [command]
    var environment = ["GAFFER_DEV_SERVER_DIR": self.directory.path, "GAFFER_DEV_SERVER_PORT": "\(self.port)"]
    if self.persistent { environment["GAFFER_DEV_SERVER_DB"] = self.directory.appendingPathComponent("temporal.db").path }
    if !self.pollCompleteOnShutdown { environment["GAFFER_DEV_SERVER_POLL_COMPLETE"] = "0" }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let handle = try FileHandle(forWritingTo: output)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let status = await process.exitStatus()
    try? handle.close()
    let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    try #require(status == 0, "dev-server \(command): \(text)")
  }

  /// Starts a server of the test's own, runs `body`, and stops the server
  /// (thawed first, in case the body froze it) and removes its state,
  /// whether `body` returned or threw.
  static func with<T>(
    persistent: Bool = false, pollCompleteOnShutdown: Bool = true, _ body: (PrivateServer) async throws -> T
  ) async throws -> T {
    let server = try PrivateServer(persistent: persistent, pollCompleteOnShutdown: pollCompleteOnShutdown)
    do {
      try await server.run("start")
      let value = try await body(server)
      await server.stopAndClean()
      return value
    } catch {
      await server.stopAndClean()
      throw error
    }
  }

  /// Stops the server process without closing its sockets (SIGSTOP): a
  /// server that hangs.
  func freeze() { self.signal(SIGSTOP) }

  /// Lets a frozen server run again (SIGCONT).
  func thaw() { self.signal(SIGCONT) }

  private func signal(_ signal: Int32) {
    guard let text = try? String(contentsOf: self.directory.appendingPathComponent("pid"), encoding: .utf8),
      let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    else { return }
    kill(pid, signal)
  }

  /// Runs `dev-server stop` off the cooperative pool: it waits for the
  /// server to exit, seconds on a busy machine.
  private func stopAndClean() async {
    self.thaw()
    _ = try? await ProcessResult.run(
      PackagePaths.root.appendingPathComponent("scripts/dev-server"), ["stop"],
      environment: ["GAFFER_DEV_SERVER_DIR": self.directory.path])
    try? FileManager.default.removeItem(at: self.directory)
  }
}
