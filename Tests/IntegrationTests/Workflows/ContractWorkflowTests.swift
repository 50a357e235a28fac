import Foundation
import Testing

/// The workflow half of the contract worker, driven from the official
/// Python SDK's client against the dev server: every contract workflow,
/// load, a tiny cache, a worker killed mid-workflow, a failed workflow task.
// Serialized: each test runs a bench worker and a Python client, and the
// 200-workflow test saturates a 2-core machine; run side by side they
// starved the other suites' Python drivers (a CI run's big-payload test
// saw two of its three workflows never schedule their activities).
@Suite("Contract workflows", .serialized, .enabled(if: TestServer.available, TestServer.skipReason))
struct ContractWorkflowTests {
  @Test("chain, fanout, timer, counter, fail and sleep_forever give the contract's results; /metrics counts them; SIGTERM then exits 0")
  func everyContractWorkflow() async throws {
    let queue = TestServer.uniqueTaskQueue("wf-contract")
    let port = try TestServer.closedPort()
    let environment = ["TASK_QUEUE": queue, "GAFFER_HTTP_PORT": "\(port)", "GAFFER_HTTP_HOST": "127.0.0.1"]
    let (status, output) = try await BenchWorkerProcess.run(environment) { _ in
      let report = try await WorkflowDriver.run(
        taskQueue: queue,
        calls: [
          .init(id: "chain", workflow: "chain", arg: 3),
          .init(id: "fanout", workflow: "fanout", arg: 5),
          .init(id: "timer", workflow: "timer", arg: 300),
          .init(
            id: "counter", workflow: "counter", arg: 10, signals: [("add", 5), ("add", -2)], query: "value",
            finish: "finish"),
          .init(id: "fail", workflow: "fail", arg: "boom"),
          .init(id: "sleep", workflow: "sleep_forever", cancelAfter: 1),
        ])
      #expect(report["chain"]?.value == 3)
      #expect(report["chain"]?.sdkNames == ["gaffer-swift"], "history records which SDK completed the tasks")
      #expect(report["fanout"]?.value == 5)
      #expect(report["timer"]?.value == 300)
      #expect(report["counter"]?.query == 13)
      #expect(report["counter"]?.value == 13)
      let failure = report["fail"]?.error
      #expect(report["fail"]?.status == "FAILED")
      #expect(failure?.class == "ApplicationError")
      #expect(failure?.message == "boom")
      #expect(failure?.type == "ContractFailure")
      #expect(failure?.nonRetryable == true)
      #expect(report["sleep"]?.status == "CANCELED")

      let metrics = try await eventually({ try await get("http://127.0.0.1:\(port)/metrics") }, until: { $0.status == 200 })
      let completed = metrics.body.split(separator: "\n").first { $0.hasPrefix("gaffer_workflow_tasks_completed_total") }
      let count = completed.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
      #expect(count >= 6, "a completed task per workflow at least: \(completed ?? "no series")")
      #expect(metrics.body.contains("slot_type=\"workflow\""), "workflow slots are exported")
      let eager = metrics.body.split(separator: "\n").first { $0.hasPrefix("gaffer_activities_eager_total") }
      let eagerCount = eager.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
      #expect(eagerCount >= 1, "chain's and fanout's noop activities start here with no poll: \(eager ?? "no series")")
    }
    #expect(status == 0, "exits 0 after a drain: \(output.suffix(2000))")
  }

  @Test("200 concurrent chain(5): every one returns 5, nothing lost")
  func twoHundredChains() async throws {
    let queue = TestServer.uniqueTaskQueue("wf-load")
    let (status, output) = try await BenchWorkerProcess.run(["TASK_QUEUE": queue]) { _ in
      let report = try await WorkflowDriver.run(
        taskQueue: queue, calls: [.init(id: "chains", workflow: "chain", arg: 5, count: 200)])
      let results = report["chains"]?.results ?? []
      #expect(results.count == 200)
      #expect(results.allSatisfy { $0 == 5 }, "\(results.filter { $0 != 5 })")
    }
    #expect(status == 0, "\(output.suffix(2000))")
    #expect(output.contains("drained: received=1000 completed=1000"), "1,000 noop activities: \(output.suffix(400))")
  }

  @Test("MAX_CACHED_WORKFLOWS=2 with 20 interleaved counters: runs are evicted and replayed, every query and result right")
  func tinyCache() async throws {
    let queue = TestServer.uniqueTaskQueue("wf-cache")
    let (status, output) = try await BenchWorkerProcess.run(["TASK_QUEUE": queue, "MAX_CACHED_WORKFLOWS": "2"]) { _ in
      let calls = (0..<20).map { index in
        WorkflowDriver.Call(
          id: "counter-\(index)", workflow: "counter", arg: .number(Double(index)),
          signals: [("add", 100), ("add", .number(Double(index)))], query: "value", finish: "finish")
      }
      let report = try await WorkflowDriver.run(taskQueue: queue, calls: calls)
      for index in 0..<20 {
        let expected = JSONValue.number(Double(100 + 2 * index))
        #expect(report["counter-\(index)"]?.query == expected, "counter \(index)")
        #expect(report["counter-\(index)"]?.value == expected, "counter \(index)")
      }
    }
    #expect(status == 0, "\(output.suffix(2000))")
  }

  @Test("a worker SIGKILLed mid-workflow: a new one replays the history to the same state and finishes it")
  func killedWorkerReplayed() async throws {
    let queue = TestServer.uniqueTaskQueue("wf-kill")
    var workflowID = ""
    let (killedStatus, _) = try await BenchWorkerProcess.run(["TASK_QUEUE": queue], stopAfterBody: false) { process in
      let report = try await WorkflowDriver.run(
        taskQueue: queue,
        calls: [.init(id: "counter", workflow: "counter", arg: 1, signals: [("add", 10)], query: "value", noResult: true)])
      #expect(report["counter"]?.query == 11)
      workflowID = report["counter"]?.workflowID ?? ""
      kill(process.processIdentifier, SIGKILL)
    }
    #expect(killedStatus != 0)
    let (status, output) = try await BenchWorkerProcess.run(["TASK_QUEUE": queue]) { _ in
      let report = try await WorkflowDriver.run(
        taskQueue: queue,
        calls: [
          .init(
            id: "counter", workflow: "counter", signals: [("add", 5)], query: "value", finish: "finish",
            workflowID: workflowID)
        ])
      #expect(report["counter"]?.query == 16)
      #expect(report["counter"]?.value == 16)
    }
    #expect(status == 0, "\(output.suffix(2000))")
  }

  @Test("SIGTERM with workflows cached on the worker: exit 0, and the next worker takes them over with no sticky-queue timeout in history")
  func drainHandsOver() async throws {
    let queue = TestServer.uniqueTaskQueue("wf-handover")
    var workflowIDs: [String] = []
    let (firstStatus, firstOutput) = try await BenchWorkerProcess.run(["TASK_QUEUE": queue]) { _ in
      let report = try await WorkflowDriver.run(
        taskQueue: queue,
        calls: (0..<5).map {
          // The query is answered after the signal's workflow task, so no
          // task is on its way to this worker when it is stopped. (Once,
          // under load, a task dispatched to the sticky queue around the
          // stop waited out the sticky timeout; we take that to be a task
          // the server had already queued there, not checked in its source.)
          .init(
            id: "counter-\($0)", workflow: "counter", arg: .number(Double($0)), signals: [("add", 10)],
            query: "value", noResult: true)
        })
      workflowIDs = (0..<5).compactMap { report["counter-\($0)"]?.workflowID }
      #expect((0..<5).map { report["counter-\($0)"]?.query } == (0..<5).map { .number(Double($0 + 10)) })
    }
    #expect(firstStatus == 0, "\(firstOutput.suffix(2000))")
    #expect(workflowIDs.count == 5)
    let (status, output) = try await BenchWorkerProcess.run(["TASK_QUEUE": queue]) { _ in
      let report = try await WorkflowDriver.run(
        taskQueue: queue,
        calls: workflowIDs.enumerated().map { index, id in
          .init(id: "counter-\(index)", workflow: "counter", signals: [("add", 1)], finish: "finish", workflowID: id)
        })
      for index in 0..<5 {
        #expect(report["counter-\(index)"]?.value == .number(Double(index + 11)), "counter \(index)")
        #expect(report["counter-\(index)"]?.taskTimeouts == 0, "ShutdownWorker released the sticky queue")
      }
    }
    #expect(status == 0, "\(output.suffix(2000))")
  }

  @Test("a workflow type the worker does not have: the workflow task fails in history with a message listing the registered types")
  func unknownWorkflowType() async throws {
    let queue = TestServer.uniqueTaskQueue("wf-unknown")
    let (status, output) = try await BenchWorkerProcess.run(["TASK_QUEUE": queue]) { _ in
      let report = try await WorkflowDriver.run(
        taskQueue: queue, calls: [.init(id: "unknown", workflow: "no_such_workflow", arg: 1, taskFailure: true)])
      let failure = try #require(report["unknown"]?.taskFailure, "no failed workflow task in history")
      #expect(failure.cause == "WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE")
      #expect(failure.message.contains("workflow type 'no_such_workflow' is not registered"))
      #expect(failure.message.contains("chain, counter, fail, fanout, sleep_forever, timer"))
    }
    #expect(status == 0, "\(output.suffix(2000))")
  }
}
