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

  init(persistent: Bool = false, pollCompleteOnShutdown: Bool = true) throws {
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

  /// Sends a signal (STOP, CONT) to the running server process.
  func signal(_ name: String) {
    guard let pid = try? String(contentsOf: self.directory.appendingPathComponent("pid"), encoding: .utf8) else { return }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/kill")
    process.arguments = ["-\(name)", pid.trimmingCharacters(in: .whitespacesAndNewlines)]
    if (try? process.run()) != nil { process.waitUntilExit() }
  }

  func stopAndClean() {
    let process = Process()
    process.executableURL = PackagePaths.root.appendingPathComponent("scripts/dev-server")
    process.arguments = ["stop"]
    process.environment = ProcessInfo.processInfo.environment.merging(["GAFFER_DEV_SERVER_DIR": self.directory.path]) { _, new in new }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    if (try? process.run()) != nil { process.waitUntilExit() }
    try? FileManager.default.removeItem(at: self.directory)
  }
}
