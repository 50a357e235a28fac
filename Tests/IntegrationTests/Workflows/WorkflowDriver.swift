import Foundation
import Testing

/// Runs Python/workflow_driver.py (official temporalio SDK client): it
/// starts, signals, queries and cancels workflows on a Gaffer worker's task
/// queue and reports what each came to.
enum WorkflowDriver {
  struct Call: Encodable, Sendable {
    var id: String
    var workflow: String
    var arg: JSONValue?
    var count: Int?
    var signals: [[JSONValue]]?
    var query: String?
    var finish: String?
    var cancelAfter: Double?
    var workflowID: String?
    var noResult: Bool?
    var taskFailure: Bool?

    init(
      id: String, workflow: String, arg: JSONValue? = nil, count: Int? = nil, signals: [(String, JSONValue?)]? = nil,
      query: String? = nil, finish: String? = nil, cancelAfter: Double? = nil, workflowID: String? = nil,
      noResult: Bool? = nil, taskFailure: Bool? = nil
    ) {
      self.id = id
      self.workflow = workflow
      self.arg = arg
      self.count = count
      self.signals = signals?.map { [.string($0.0), $0.1 ?? .null] }
      self.query = query
      self.finish = finish
      self.cancelAfter = cancelAfter
      self.workflowID = workflowID
      self.noResult = noResult
      self.taskFailure = taskFailure
    }

    enum CodingKeys: String, CodingKey {
      case id, workflow, arg, count, signals, query, finish
      case cancelAfter = "cancel_after"
      case workflowID = "workflow_id"
      case noResult = "no_result"
      case taskFailure = "task_failure"
    }
  }

  struct Spec: Encodable, Sendable {
    var address: String
    var namespace = "default"
    var taskQueue: String
    var calls: [Call]

    enum CodingKeys: String, CodingKey {
      case address, namespace, calls
      case taskQueue = "task_queue"
    }
  }

  struct Outcome: Decodable, Sendable {
    var ok: Bool
    var workflowID: String?
    var value: JSONValue?
    var error: PythonDriver.WorkflowSideError?
    var query: JSONValue?
    var status: String?
    var results: [JSONValue?]?
    var taskFailure: TaskFailure?
    var taskTimeouts: Int?
    var sdkNames: [String]?

    enum CodingKeys: String, CodingKey {
      case ok, value, error, query, status, results
      case workflowID = "workflow_id"
      case taskFailure = "task_failure"
      case taskTimeouts = "task_timeouts"
      case sdkNames = "sdk_names"
    }
  }

  struct TaskFailure: Decodable, Sendable {
    var cause: String
    var message: String
    var identity: String
  }

  static let script = PackagePaths.root.appendingPathComponent("Tests/IntegrationTests/Python/workflow_driver.py")

  static func run(taskQueue: String, calls: [Call]) async throws -> [String: Outcome] {
    let address = try #require(TestServer.address, "TEMPORAL_ADDRESS must be set")
    let input = try JSONEncoder().encode(Spec(address: address, taskQueue: taskQueue, calls: calls))
    let result = try await ProcessResult.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path], input: input)
    try #require(result.status == 0, "workflow_driver.py failed (\(result.status)): \(result.stderr.suffix(2000))")
    let reportLine = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    do {
      return try JSONDecoder().decode([String: Outcome].self, from: Data(reportLine.utf8))
    } catch {
      Issue.record("workflow_driver.py printed no report (\(error)): \(result.stdout.prefix(600)) \(result.stderr.suffix(1200))")
      throw error
    }
  }
}
