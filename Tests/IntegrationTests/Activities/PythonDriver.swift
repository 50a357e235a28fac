import Foundation
import Testing

/// Runs Python/activity_driver.py (official temporalio SDK): its workflows
/// call the Swift activities under test and it reports what each workflow
/// saw, plus the attempts history recorded.
enum PythonDriver {
  struct Call: Encodable, Sendable {
    var id: String
    var activity: String
    var args: [JSONValue] = []
    var startToClose: Double? = 30
    var scheduleToClose: Double?
    var heartbeatTimeout: Double?
    var maxAttempts = 1
    var initialInterval = 0.2
    var cancelAfter: Double?
    /// Payloads sent exactly as given, instead of `args`.
    var rawArgs: [RawPayload]?

    struct RawPayload: Encodable, Sendable {
      var encoding: String
      var data: String
    }

    enum CodingKeys: String, CodingKey {
      case id, activity, args
      case rawArgs = "raw_args"
      case startToClose = "start_to_close"
      case scheduleToClose = "schedule_to_close"
      case heartbeatTimeout = "heartbeat_timeout"
      case maxAttempts = "max_attempts"
      case initialInterval = "initial_interval"
      case cancelAfter = "cancel_after"
    }
  }

  struct Spec: Encodable, Sendable {
    var address: String
    var namespace = "default"
    var activityTaskQueue: String
    var calls: [Call]

    enum CodingKeys: String, CodingKey {
      case address, namespace, calls
      case activityTaskQueue = "activity_task_queue"
    }
  }

  struct Report: Decodable, Sendable {
    var results: [String: Outcome]
  }

  struct Outcome: Decodable, Sendable {
    var ok: Bool
    var value: JSONValue?
    var error: WorkflowSideError?
    var attempts: [AttemptEvent]
    var workflowID: String

    enum CodingKeys: String, CodingKey {
      case ok, value, error, attempts
      case workflowID = "workflow_id"
    }

    /// History's activity events, e.g. ["started 1", "failed WorkerShutdown", "completed"].
    var historyEvents: [String] {
      self.attempts.map { event in
        switch event.event {
        case "started": "started \(event.attempt ?? 0)"
        case "failed": "failed \(event.type ?? "")"
        default: event.event
        }
      }
    }
  }

  /// What the Python workflow caught: an ActivityError and its cause chain.
  final class WorkflowSideError: Decodable, Sendable {
    let `class`: String
    let message: String
    let type: String?
    let nonRetryable: Bool?
    let retryState: String?
    let timeoutType: String?
    let cause: WorkflowSideError?

    enum CodingKeys: String, CodingKey {
      case `class`, message, type, cause
      case nonRetryable = "non_retryable"
      case retryState = "retry_state"
      case timeoutType = "timeout_type"
    }
  }

  struct AttemptEvent: Decodable, Sendable {
    var event: String
    var attempt: Int?
    var type: String?
    var message: String?
    /// On "started": the previous attempt's failure type, which history keeps there.
    var lastFailureType: String?

    enum CodingKeys: String, CodingKey {
      case event, attempt, type, message
      case lastFailureType = "last_failure_type"
    }
  }

  static let script = PackagePaths.root.appendingPathComponent("Tests/IntegrationTests/Python/activity_driver.py")

  /// Runs the driver to completion off the cooperative pool.
  static func run(taskQueue: String, calls: [Call], address: String? = nil) async throws -> Report {
    let address = try #require(address ?? TestServer.address, "TEMPORAL_ADDRESS must be set")
    let input = try JSONEncoder().encode(Spec(address: address, activityTaskQueue: taskQueue, calls: calls))
    let result = try await ProcessResult.run(
      URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path], input: input)
    try #require(result.status == 0, "activity_driver.py failed (\(result.status)): \(result.stderr)")
    // The report is the last line: the SDK's core may log to stdout before
    // it (payload size warnings, for one).
    let reportLine = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    do {
      return try JSONDecoder().decode(Report.self, from: Data(reportLine.utf8))
    } catch {
      Issue.record("activity_driver.py printed no report (\(error)): \(result.stdout.prefix(600)) \(result.stderr.suffix(1200))")
      throw error
    }
  }
}

/// Any JSON value, for payloads whose shape each test knows.
enum JSONValue: Codable, Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  case string(String)
  case number(Double)
  case bool(Bool)
  case array([JSONValue])
  case object([String: JSONValue])
  case null

  init(stringLiteral value: String) { self = .string(value) }
  init(integerLiteral value: Int) { self = .number(Double(value)) }

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .bool(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    case .null: try container.encodeNil()
    }
  }
}
