internal import GafferCore

/// The demo's workflow, run by Gaffer itself: each `DemoOrder` schedules
/// one of the demo's activities with retries and reports how it went. The
/// load driver only starts them.
enum DemoWorkflows {
  static let all = [order]

  /// One step the driver asks for: which activity, its input, its timeouts.
  struct Step: Codable, Sendable {
    var activity: String
    var input: Input
    var startToClose: Double
    var heartbeatTimeout: Double?

    enum CodingKeys: String, CodingKey {
      case activity, input
      case startToClose = "start_to_close"
      case heartbeatTimeout = "heartbeat_timeout"
    }
  }

  /// The activities take a number or a text.
  enum Input: Codable, Sendable {
    case number(Int)
    case text(String)

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let number = try? container.decode(Int.self) {
        self = .number(number)
      } else {
        self = .text(try container.decode(String.self))
      }
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .number(let number): try container.encode(number)
      case .text(let text): try container.encode(text)
      }
    }
  }

  static let order = Workflow("DemoOrder") { (context: WorkflowContext<Void>, step: Step) -> String in
    let options = ActivityOptions(
      startToCloseTimeout: .milliseconds(Int64(step.startToClose * 1000)),
      heartbeatTimeout: step.heartbeatTimeout.map { .milliseconds(Int64($0 * 1000)) },
      retryPolicy: RetryPolicy(initialInterval: .seconds(1), maximumInterval: .seconds(5), maximumAttempts: 5))
    do {
      try await context.executeActivity(step.activity, step.input, options: options)
    } catch let error as ActivityError {
      return "failed: \(error.cause.map { "\($0)" } ?? error.message)"
    }
    return "ok"
  }
}
