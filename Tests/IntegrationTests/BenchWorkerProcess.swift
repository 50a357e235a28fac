import Foundation
import Testing

/// The contract worker binary, run as outside checks run it.
enum BenchWorkerProcess {
  /// Runs the bench worker with `environment`, calls `body` while it runs,
  /// then SIGTERMs it (if still running and `stopAfterBody`) and returns its
  /// status and output once it has exited.
  static func run(
    _ environment: [String: String], stopAfterBody: Bool = true, _ body: (Process) async throws -> Void
  ) async throws -> (Int32, String) {
    let process = Process()
    process.executableURL = PackagePaths.benchWorkerBinary
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("bench-worker-\(UUID().uuidString.prefix(8)).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    defer {
      try? handle.close()
      try? FileManager.default.removeItem(at: log)
    }
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    if process.isRunning { try await body(process) }
    if stopAfterBody && process.isRunning { kill(process.processIdentifier, SIGTERM) }
    let status = await process.exitStatus()
    return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
  }
}
