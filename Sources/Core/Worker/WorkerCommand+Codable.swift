internal import Foundation

/// A command as other tools write it: `{"command": "pause"}`,
/// `{"command": "setMaxConcurrentActivities", "value": 8}`,
/// `{"command": "cancelActivity", "id": "<run id>/<activity id>/<attempt>"}`.
/// docs/control-socket.md lists them all.
extension WorkerCommand: Codable {
  /// Every command's name on the wire, in the order the docs list them.
  public static let names = [
    "pause", "resume", "setMaxConcurrentActivities", "setActivityPollers", "beginGracefulShutdown",
    "forceShutdown", "cancelActivity", "pauseWorkflowPolling", "resumeWorkflowPolling",
    "setMaxConcurrentWorkflowTasks",
  ]

  private enum CodingKeys: String, CodingKey {
    case command
    case value
    case id
  }

  public var name: String {
    switch self {
    case .pause: "pause"
    case .resume: "resume"
    case .setMaxConcurrentActivities: "setMaxConcurrentActivities"
    case .setActivityPollers: "setActivityPollers"
    case .beginGracefulShutdown: "beginGracefulShutdown"
    case .forceShutdown: "forceShutdown"
    case .cancelActivity: "cancelActivity"
    case .pauseWorkflowPolling: "pauseWorkflowPolling"
    case .resumeWorkflowPolling: "resumeWorkflowPolling"
    case .setMaxConcurrentWorkflowTasks: "setMaxConcurrentWorkflowTasks"
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let name = try container.decode(String.self, forKey: .command)
    switch name {
    case "pause": self = .pause
    case "resume": self = .resume
    case "setMaxConcurrentActivities": self = .setMaxConcurrentActivities(try container.decode(Int.self, forKey: .value))
    case "setActivityPollers": self = .setActivityPollers(try container.decode(Int.self, forKey: .value))
    case "beginGracefulShutdown": self = .beginGracefulShutdown
    case "forceShutdown": self = .forceShutdown
    case "cancelActivity": self = .cancelActivity(id: try container.decode(String.self, forKey: .id))
    case "pauseWorkflowPolling": self = .pauseWorkflowPolling
    case "resumeWorkflowPolling": self = .resumeWorkflowPolling
    case "setMaxConcurrentWorkflowTasks":
      self = .setMaxConcurrentWorkflowTasks(try container.decode(Int.self, forKey: .value))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .command, in: container,
        debugDescription: "unknown command '\(name)'; the commands are \(Self.names.joined(separator: ", "))")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(self.name, forKey: .command)
    switch self {
    case .setMaxConcurrentActivities(let value), .setActivityPollers(let value),
      .setMaxConcurrentWorkflowTasks(let value):
      try container.encode(value, forKey: .value)
    case .cancelActivity(let id):
      try container.encode(id, forKey: .id)
    case .pause, .resume, .beginGracefulShutdown, .forceShutdown, .pauseWorkflowPolling, .resumeWorkflowPolling:
      break
    }
  }
}

extension WorkerCommand: CustomStringConvertible {
  /// How the worker's action journal writes it.
  public var description: String {
    switch self {
    case .pause: "pause activity polling"
    case .resume: "resume activity polling"
    case .setMaxConcurrentActivities(let value): "set max concurrent activities to \(value)"
    case .setActivityPollers(let value): "set activity pollers to \(value)"
    case .beginGracefulShutdown: "begin graceful shutdown"
    case .forceShutdown: "force shutdown"
    case .cancelActivity(let id): "cancel activity \(id)"
    case .pauseWorkflowPolling: "pause workflow polling"
    case .resumeWorkflowPolling: "resume workflow polling"
    case .setMaxConcurrentWorkflowTasks(let value): "set max concurrent workflow tasks to \(value)"
    }
  }
}
