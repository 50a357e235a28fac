import Foundation
import GafferCore
import GafferService
import Prometheus
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A worker run the way a deployed process runs it (WorkerApplication):
/// probes, metrics and the server's view of it through the real CLI.
@Suite(.serialized) struct WorkerApplicationTests {
  @Test(.enabled(if: TestServer.available, TestServer.skipReason), .timeLimit(.minutes(2)))
  func probesMetricsAndWorkerHeartbeatsFollowTheWorker() async throws {
    let address = try #require(TestServer.address)
    let port = try TestServer.closedPort()
    let configuration = try GafferConfiguration(environment: [
      "TEMPORAL_ADDRESS": address, "TEMPORAL_TASK_QUEUE": TestServer.uniqueTaskQueue("service"),
      "GAFFER_CONSOLE": "off", "GAFFER_HTTP_PORT": "\(port)", "GAFFER_HTTP_HOST": "127.0.0.1",
      "WORKER_HEARTBEAT_INTERVAL_SECONDS": "1", "MAX_CONCURRENT_ACTIVITIES": "12",
    ])
    let application = try await RunningApplication.start(configuration)
    let (worker, run) = (application.worker, application.run)
    let base = "http://127.0.0.1:\(port)"

    // Ready once the server is listening and the worker polls.
    let ready = try await eventually { try await get("\(base)/ready") } until: { $0.status == 200 }
    #expect(ready.body == "ok\n")
    #expect(try await get("\(base)/health").status == 200)

    try worker.send(.pause)
    let paused = try await get("\(base)/ready")
    #expect(paused.status == 503)
    #expect(paused.body.hasPrefix("paused"))
    #expect(try await get("\(base)/health").status == 200)
    try worker.send(.resume)
    #expect(try await get("\(base)/ready").status == 200)

    // The slot gauges say what the snapshot says.
    try worker.send(.setMaxConcurrentActivities(37))
    let metrics = try await get("\(base)/metrics")
    #expect(metrics.status == 200)
    let samples = try PrometheusText.parse(metrics.body)
    let snapshot = worker.snapshot()
    let slotLabels = ["slot_type": "activity", "task_queue": worker.taskQueue, "namespace": "default"]
    #expect(samples.value("gaffer_worker_slots_max", slotLabels) == 37)
    #expect(samples.value("gaffer_worker_slots_max", slotLabels) == Double(snapshot.activitySlots.maximum))
    // Used = activities running; available = the rest (sdk-core's meaning);
    // reserved = the available slots open polls hold.
    let running = Double(snapshot.activitySlots.running)
    #expect(samples.value("gaffer_worker_slots_used", slotLabels) == running)
    #expect(samples.value("gaffer_worker_slots_reserved", slotLabels) == Double(snapshot.activitySlots.reserved))
    #expect(samples.value("gaffer_worker_slots_available", slotLabels) == 37 - running)
    #expect(
      samples.value("gaffer_worker_pollers", ["poller_type": "activity", "task_queue": worker.taskQueue, "namespace": "default"])
        == Double(snapshot.activityPollers.pollers.count))
    #expect(samples.value("gaffer_worker_state", ["state": "running", "task_queue": worker.taskQueue, "namespace": "default"]) == 1)
    #expect(samples.names.contains("gaffer_activity_schedule_to_start_seconds_bucket"))
    #expect(samples.names.contains("gaffer_activities_completed_total"))

    // The server's view, through the official CLI: the same slot numbers.
    // The server's view counts as sdk-core does: used = running, available =
    // the rest (slots held by open polls included), so they add up to 37.
    let (described, current) = try await eventually {
      (try await TemporalCLI.describeWorker(address: address, instanceKey: worker.workerInstanceKey), worker.snapshot().activitySlots)
    } until: { view in
      (view.0?.available ?? 0) + (view.0?.used ?? 0) == 37 && view.0?.used == view.1.running
    }
    #expect(described?.status == "WORKER_STATUS_RUNNING")
    #expect(described?.used == current.running)
    #expect(described?.available == 37 - current.running)
    #expect(current.reserved > 0, "the idle worker's open polls hold slots, and the server is not told they run")

    worker.beginGracefulShutdown()
    let final = try await run.value
    #expect(final.lifecycle == .stopped)
    // The SHUTDOWN heartbeat sent after the drain makes the server forget it.
    let afterwards = try await TemporalCLI.describeWorker(address: address, instanceKey: worker.workerInstanceKey)
    #expect(afterwards == nil, "still known as \(afterwards?.status ?? "")")
  }

  @Test("an unknown namespace stops the application at connect time: run() throws ConnectionError before a worker exists (a worker failing later is WorkerReportingTests.fatalPollFailsTheWorker)",
    .enabled(if: TestServer.available, TestServer.skipReason), .timeLimit(.minutes(1)))
  func unknownNamespaceFailsAtConnect() async throws {
    let address = try #require(TestServer.address)
    let configuration = try GafferConfiguration(environment: [
      "TEMPORAL_ADDRESS": address, "TEMPORAL_NAMESPACE": "gaffer-no-such-namespace",
      "TEMPORAL_TASK_QUEUE": "nowhere", "GAFFER_CONSOLE": "off",
    ])
    let error = await #expect(throws: ConnectionError.self) {
      try await WorkerApplication(configuration: configuration, activities: []).run()
    }
    #expect(error?.code == .namespaceNotFound)
  }
}

struct HTTPReply: Sendable {
  var status: Int
  var body: String
}

func get(_ url: String) async throws -> HTTPReply {
  let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: url)))
  return HTTPReply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self))
}

/// Retries `attempt` until `done` holds, for conditions only visible by
/// asking (an HTTP server coming up, a heartbeat reaching the server).
func eventually<Value: Sendable>(
  within limit: Duration = .seconds(30),
  _ attempt: () async throws -> Value,
  until done: (Value) -> Bool
) async throws -> Value {
  let deadline = ContinuousClock.now + limit
  var lastError: (any Error)?
  while ContinuousClock.now < deadline {
    do {
      let value = try await attempt()
      if done(value) { return value }
      lastError = nil
    } catch {
      lastError = error
    }
    try await Task.sleep(for: .milliseconds(100))
  }
  Issue.record("condition not met within \(limit); last error: \(String(describing: lastError))")
  return try await attempt()
}
