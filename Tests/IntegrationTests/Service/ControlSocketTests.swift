import Foundation
import GafferControl
import GafferCore
import GafferService
import Testing

/// A worker run as a deployed process runs it, steered through its
/// control socket the way `gaffer attach` does.
@Suite(.serialized) struct ControlSocketTests {
  @Test(
    "over the socket: snapshots, pause and resume journalled with who sent them, a refusal, then a drain to exit 0",
    .enabled(if: TestServer.available, TestServer.skipReason), .timeLimit(.minutes(2)))
  func steerAWorkerOverItsSocket() async throws {
    let address = try #require(TestServer.address)
    let directory = "/tmp/gaffer-it-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = "\(directory)/worker.sock"
    let queue = TestServer.uniqueTaskQueue("control")
    let configuration = try GafferConfiguration(environment: [
      "TEMPORAL_ADDRESS": address, "TEMPORAL_TASK_QUEUE": queue, "GAFFER_CONSOLE": "off",
      "GAFFER_CONTROL_SOCKET": path, "MAX_CONCURRENT_ACTIVITIES": "6",
    ])
    let application = try await RunningApplication.start(configuration)
    let (worker, run) = (application.worker, application.run)
    try await eventually("the socket is there") { ControlDiscovery.probe(path) != nil }

    let console = try ControlClient(connectingTo: path, client: "integration test")
    #expect(console.worker.taskQueue == queue && console.worker.pid == getpid())
    try await eventually("a running snapshot arrives") { console.latest?.lifecycle == .running }
    #expect(console.latest?.activitySlots.maximum == 6)

    try console.send(.pause)
    try await eventually("the console sees the worker paused") { console.latest?.lifecycle == .paused }
    #expect(worker.snapshot().lifecycle == .paused)
    let journal = "integration test (uid \(getuid()), pid \(getpid())): pause activity polling"
    try await eventually("the journal entry reaches the console") {
      console.latest?.recentEvents.contains { $0.message == journal } == true
    }
    try console.send(.resume)
    try await eventually("resumed") { console.latest?.lifecycle == .running }

    let refused = try console.send(.setMaxConcurrentActivities(0))
    var replies: [ControlClient.Reply] = []
    try await eventually("the refusal comes back") {
      replies += console.takeReplies()
      return replies.contains { $0.id == refused }
    }
    #expect(replies.first { $0.id == refused }?.error?.contains("the minimum is 1") == true)
    #expect(replies.filter { $0.id != refused }.allSatisfy { $0.error == nil })

    try console.send(.beginGracefulShutdown)
    let final = try await run.value
    #expect(final.lifecycle == .stopped)
    try await eventually("the console hears the goodbye") { console.link == .exited(code: 0) }
    #expect(!FileManager.default.fileExists(atPath: path), "the socket file is removed on exit")
  }
}

/// Waits until `condition` holds, checking every 20 ms, for at most 15 s.
private func eventually(_ what: String, _ condition: () throws -> Bool) async throws {
  let deadline = ContinuousClock.now + .seconds(15)
  while try !condition() {
    guard ContinuousClock.now < deadline else {
      Issue.record("timed out waiting until \(what)")
      throw CancellationError()
    }
    try await Task.sleep(for: .milliseconds(20))
  }
}
