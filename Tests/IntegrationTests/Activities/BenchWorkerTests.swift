import Foundation
import Testing

/// The contract worker that benchmarks drive: exactly its three activities,
/// and a drain on SIGTERM that ends with exit status 0.
@Suite("gaffer-bench-worker", .enabled(if: TestServer.available, TestServer.skipReason))
struct BenchWorkerTests {
  @Test("runs noop, sleep_ms and heartbeat_ms for Python workflows, then drains on SIGTERM and exits 0")
  func contract() async throws {
    let queue = TestServer.uniqueTaskQueue("bench")
    let (status, output) = try await BenchWorkerProcess.run(["TASK_QUEUE": queue]) { _ in
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
    }
    #expect(status == 0, "exits 0 after a drain, not by a signal: \(output)")
    #expect(output.contains("drained: received=4 completed=3 failed=1"), "the unknown type fails: \(output)")
  }

  @Test("an API key and a TLS key's contents never reach the log, /metrics, /health or /ready, even at trace level")
  func secretsStayOut() async throws {
    let queue = TestServer.uniqueTaskQueue("secrets")
    let apiKey = "api-key-\(UUID().uuidString)"
    let port = try TestServer.closedPort()
    let environment = [
      "TASK_QUEUE": queue, "TEMPORAL_API_KEY": apiKey, "GAFFER_LOG_LEVEL": "trace", "GAFFER_HTTP_PORT": "\(port)",
      "GAFFER_HTTP_HOST": "127.0.0.1",
    ]
    let (status, output) = try await BenchWorkerProcess.run(environment) { _ in
      let report = try await PythonDriver.run(taskQueue: queue, calls: [.init(id: "noop", activity: "noop", args: ["x"])])
      #expect(report.results["noop"]?.value == "x")
      var bodies = ""
      for path in ["/metrics", "/health", "/ready"] {
        let reply = try await eventually({ try await get("http://127.0.0.1:\(port)\(path)") }, until: { $0.status == 200 })
        bodies += reply.body
      }
      #expect(bodies.contains("gaffer_"), "the scrape worked")
      #expect(!bodies.contains(apiKey))
    }
    #expect(status == 0, "\(output)")
    #expect(output.contains("drained: received=1"), "the worker ran, logging at trace level")
    #expect(!output.contains(apiKey))

    // A client key file whose contents must not be echoed when they are wrong.
    let keyContents = "not-a-key-\(UUID().uuidString)"
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaffer-secrets-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let keyPath = directory.appendingPathComponent("client.key")
    let certPath = directory.appendingPathComponent("client.pem")
    try Data("-----BEGIN PRIVATE KEY-----\n\(keyContents)\n-----END PRIVATE KEY-----\n".utf8).write(to: keyPath)
    try Data("-----BEGIN CERTIFICATE-----\n\(keyContents)\n-----END CERTIFICATE-----\n".utf8).write(to: certPath)
    let (tlsStatus, tlsOutput) = try await BenchWorkerProcess.run([
      "TASK_QUEUE": queue, "TEMPORAL_TLS_KEY": keyPath.path, "TEMPORAL_TLS_CERT": certPath.path,
      "GAFFER_LOG_LEVEL": "trace",
    ], stopAfterBody: false) { _ in }
    #expect(tlsStatus != 0, "a key that is not a key fails the start: \(tlsOutput)")
    #expect(tlsOutput.contains("client.key") || tlsOutput.contains("TLS"), "the failure says what is wrong: \(tlsOutput)")
    #expect(!tlsOutput.contains(keyContents))
  }
}
