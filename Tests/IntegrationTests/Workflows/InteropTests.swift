import Foundation
@testable import GafferCore
import Testing

/// Gaffer and the official Python SDK in one system, each on its own task
/// queue with its own worker.
@Suite("Workflow interop with the Python SDK", .enabled(if: TestServer.available, TestServer.skipReason))
struct InteropTests {
  struct Spec: Encodable {
    var address: String
    var swiftTaskQueue: String
    var pythonTaskQueue: String
    var workflow: String
    var arg: String

    enum CodingKeys: String, CodingKey {
      case address, workflow, arg
      case swiftTaskQueue = "swift_task_queue"
      case pythonTaskQueue = "python_task_queue"
    }
  }

  struct Report: Decodable {
    var ok: Bool
    var value: String?
    var error: String?
  }

  @Test("a Swift workflow calls a Python activity on the Python worker's task queue and gets its result")
  func swiftWorkflowCallsPythonActivity() async throws {
    let swiftQueue = TestServer.uniqueTaskQueue("interop-swift")
    let pythonQueue = TestServer.uniqueTaskQueue("interop-py")
    let shout = Workflow("shout_via_python") { (context: WorkflowContext<Void>, text: String) -> String in
      let shouted: String = try await context.executeActivity(
        "py_shout", text, options: ActivityOptions(taskQueue: pythonQueue, startToCloseTimeout: .seconds(30)))
      return "swift got: \(shouted)"
    }
    let report = try await WorkerHarness.withWorker(taskQueue: swiftQueue, activities: [], workflows: [shout]) { _ in
      let address = try #require(TestServer.address)
      let input = try JSONEncoder().encode(
        Spec(address: address, swiftTaskQueue: swiftQueue, pythonTaskQueue: pythonQueue, workflow: "shout_via_python", arg: "hello"))
      let script = PackagePaths.root.appendingPathComponent("Tests/IntegrationTests/Python/interop_driver.py")
      let result = try await ProcessResult.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path], input: input)
      try #require(result.status == 0, "interop_driver.py failed: \(result.stderr.suffix(1500))")
      let line = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
      return try JSONDecoder().decode(Report.self, from: Data(line.utf8))
    }
    #expect(report.ok, "\(report.error ?? "")")
    #expect(report.value == "swift got: HELLO! (python)")
  }
}
