import Foundation

/// The official `temporal` CLI, run by the tests to see what the server
/// knows about a worker.
enum TemporalCLI {
  struct WorkerView: Sendable {
    var status: String
    var used: Int
    var available: Int
  }

  /// `temporal worker describe`; nil when the server does not know the worker.
  static func describeWorker(address: String, instanceKey: String) async throws -> WorkerView? {
    let output = try await self.run([
      "worker", "describe", "--address", address, "--worker-instance-key", instanceKey, "-o", "json",
    ])
    guard let data = output.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    let heartbeat = (object["workerHeartbeat"] as? [String: Any]) ?? object
    let slots = heartbeat["activityTaskSlotsInfo"] as? [String: Any] ?? [:]
    return WorkerView(
      status: heartbeat["status"] as? String ?? "",
      used: slots["currentUsedSlots"] as? Int ?? 0,
      available: slots["currentAvailableSlots"] as? Int ?? 0)
  }

  static func run(_ arguments: [String]) async throws -> String {
    try await ProcessResult.run(URL(fileURLWithPath: "/usr/bin/env"), ["temporal"] + arguments).stdout
  }
}
