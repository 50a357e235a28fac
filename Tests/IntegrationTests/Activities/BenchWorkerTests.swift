import Foundation
import Testing

/// The contract worker that benchmarks drive: exactly its three activities,
/// and a drain on SIGTERM that ends with exit status 0.
@Suite("gaffer-bench-worker", .enabled(if: TestServer.available, TestServer.skipReason))
struct BenchWorkerTests {
  @Test("runs noop, sleep_ms and heartbeat_ms for Python workflows, then drains on SIGTERM and exits 0")
  func contract() async throws {
    let queue = TestServer.uniqueTaskQueue("bench")
    let process = Process()
    process.executableURL = PackagePaths.benchWorkerBinary
    process.environment = ProcessInfo.processInfo.environment.merging(["TASK_QUEUE": queue]) { _, new in new }
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("\(queue).log")
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

    let report = try await PythonDriver.run(
      taskQueue: queue,
      calls: [
        .init(id: "noop", activity: "noop", args: ["ping"]),
        .init(id: "sleep", activity: "sleep_ms", args: [50]),
        .init(id: "heartbeat", activity: "heartbeat_ms", args: [100], heartbeatTimeout: 5),
        .init(id: "other", activity: "echo", args: ["x"]),
      ])
    #expect(report.results["noop"]?.value == "ping")
    #expect(report.results["sleep"]?.value == 50)
    #expect(report.results["heartbeat"]?.value == 100)
    #expect(report.results["other"]?.error?.cause?.message.contains("It has: 'heartbeat_ms', 'noop', 'sleep_ms'.") == true)

    kill(process.processIdentifier, SIGTERM)
    let status = await process.exitStatus()
    let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    #expect(status == 0, "\(output)")
    #expect(process.terminationReason == .exit)
    #expect(output.contains("drained: received=3 completed=3 failed=0"))
  }
}
