import Foundation

/// Where the package and its built products are, for tests that run the
/// `gaffer` binary or the scripts.
enum PackagePaths {
  /// The package root, found from this file's path.
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `gaffer` executable built next to the test bundle (`swift build
  /// --build-tests` builds both), or `GAFFER_BIN` when set.
  static var gafferBinary: URL {
    if let override = ProcessInfo.processInfo.environment["GAFFER_BIN"] {
      return URL(fileURLWithPath: override)
    }
    return Self.productsDirectory.appendingPathComponent("gaffer")
  }

  /// The contract worker, built beside the tests like `gaffer`.
  static var benchWorkerBinary: URL {
    Self.productsDirectory.appendingPathComponent("gaffer-bench-worker")
  }

  private static var productsDirectory: URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    // The test bundle may sit inside `X.xctest/`; the products are beside it.
    while directory.pathExtension == "xctest" || directory.lastPathComponent == "Contents" || directory.lastPathComponent == "MacOS" {
      directory.deleteLastPathComponent()
    }
    return directory
  }
}

/// A finished child process: its exit status and what it printed.
struct ProcessResult {
  var status: Int32
  var stdout: String
  var stderr: String

  static func run(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil
  ) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdin = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
      stdin.fileHandleForWriting.write(input)
      try stdin.fileHandleForWriting.close()
    }
    // Read before waiting so a chatty child cannot block on a full pipe.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(
      status: process.terminationStatus,
      stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}

extension ProcessResult {
  /// `run` on a thread of its own, so waiting for the child never blocks the
  /// cooperative pool the worker under test runs on.
  static func runOffPool(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil
  ) async throws -> ProcessResult {
    try await withCheckedThrowingContinuation { continuation in
      Thread {
        continuation.resume(with: Result { try ProcessResult.run(executable, arguments, environment: environment, input: input) })
      }.start()
    }
  }
}

extension Process {
  /// Waits for the process on a thread of its own and returns its status.
  func exitStatus() async -> Int32 {
    await withCheckedContinuation { continuation in
      Thread {
        self.waitUntilExit()
        continuation.resume(returning: self.terminationStatus)
      }.start()
    }
  }
}
