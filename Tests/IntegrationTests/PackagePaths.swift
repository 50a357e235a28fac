import Foundation
import Synchronization

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

  /// Runs the child to its end on a thread of its own: waiting for it on
  /// the cooperative pool would stall every worker in the test process
  /// (the pool has one thread per core, two on CI), and their heartbeats
  /// with them.
  static func run(
    _ executable: URL, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil
  ) async throws -> ProcessResult {
    try await withCheckedThrowingContinuation { continuation in
      Thread {
        continuation.resume(with: Result { try ProcessResult.runWaitingOnThisThread(executable, arguments, environment: environment, input: input) })
      }.start()
    }
  }

  private static func runWaitingOnThisThread(
    _ executable: URL, _ arguments: [String], environment: [String: String], input: Data?
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
    // Read both pipes at once, then wait: a chatty child must block on
    // neither a full stdout nor a full stderr.
    let stderrData = Mutex(Data())
    let stderrDone = DispatchSemaphore(value: 0)
    Thread {
      let data = err.fileHandleForReading.readDataToEndOfFile()
      stderrData.withLock { $0 = data }
      stderrDone.signal()
    }.start()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    stderrDone.wait()
    process.waitUntilExit()
    return ProcessResult(
      status: process.terminationStatus,
      stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderrData.withLock { $0 }, as: UTF8.self))
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
