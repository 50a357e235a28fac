import BenchContract
import Foundation
import Testing

@testable import GafferCore

/// The server's view of the worker's task queue, as the snapshot carries it
/// to the console: every poller the server sees, and the backlog the
/// worker's own numbers cannot show.
@Suite(.serialized) struct ServerViewTests {
  @Test(
    "a Gaffer and a Python SDK worker on one queue are both listed; with both away the backlog rises",
    .enabled(if: TestServer.available, TestServer.skipReason), .timeLimit(.minutes(3)))
  func pollersAndBacklog() async throws {
    let address = try #require(TestServer.address)
    let queue = TestServer.uniqueTaskQueue("serverview")
    var options = WorkerOptions()
    options.taskQueueViewInterval = .milliseconds(300)
    try await WorkerHarness.withWorker(
      taskQueue: queue, activities: [Activity("noop") { (_, text: String) in text }], workflows: [ContractWorkflows.chain],
      options: options
    ) { worker in
      try await WorkerHarness.eventually(worker, "the server lists this worker's pollers") { snapshot in
        snapshot.server?.activity?.seesThisWorker == true && snapshot.server?.workflow?.seesThisWorker == true
      }
      #expect(worker.snapshot().server?.error == nil)

      let peer = "python-peer-\(UUID().uuidString.prefix(8))"
      let script = PackagePaths.root.appendingPathComponent("Tests/IntegrationTests/Python/poll_briefly.py").path
      let python = try await ProcessResult.run(
        URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, address, queue, peer, "2"])
      #expect(python.status == 0, "\(python.stderr)")
      try await WorkerHarness.eventually(worker, "the Python worker is listed beside this one") { snapshot in
        snapshot.server?.activity?.otherPollers.contains { $0.identity == peer } == true
          && snapshot.server?.workflow?.otherPollers.contains { $0.identity == peer } == true
      }
      // gaffer top, with no worker of its own, lists both from the server.
      let top = try await ProcessResult.run(
        PackagePaths.gafferBinary, ["top", "--task-queue", queue, "--once", "--address", address])
      #expect(top.status == 0, "\(top.stderr)")
      let rows = top.stdout.split(separator: "\n").map(String.init)
      #expect(rows.contains { $0.hasPrefix(" \(worker.identity) ") && $0.contains("RUNNING") }, "\(top.stdout)")
      #expect(rows.contains { $0.hasPrefix(" \(peer) ") }, "\(top.stdout)")
      #expect(rows.first?.contains("queue \(queue)") == true)

      let listed = try #require(worker.snapshot().server?.activity)
      #expect(listed.pollers.first?.isThisWorker == true, "this worker comes first")
      #expect(listed.pollers.first?.identity == worker.identity)

      // Nobody polls workflow tasks now: the Python worker is gone and this one paused.
      try worker.send(.pauseWorkflowPolling)
      try await WorkerHarness.eventually(worker, "no workflow poll open") { $0.workflows?.openPolls == 0 }
      for index in 0..<3 {
        _ = try await TemporalCLI.run([
          "workflow", "start", "--address", address, "--task-queue", queue, "--type", "chain",
          "--workflow-id", "\(queue)-\(index)", "--input", "1",
        ])
      }
      var sawRising = false
      try await WorkerHarness.eventually(worker, "the workflow backlog reaches 3, rising") { snapshot in
        if snapshot.server?.workflow?.trend == .rising { sawRising = true }
        return (snapshot.server?.workflow?.backlog ?? 0) >= 3 && sawRising
      }
      #expect(worker.snapshot().server?.workflow?.backlogAge ?? .zero > .zero)

      try worker.send(.resumeWorkflowPolling)
      try await WorkerHarness.eventually(worker, "the backlog drains once polling resumes") { snapshot in
        snapshot.server?.workflow?.backlog == 0 && snapshot.workflows?.counters.workflowsClosed == 3
      }
    }
  }
}
