import Foundation
@testable import GafferCore
import Testing

/// The worker outlives its server: polls fail and back off while it is
/// gone, the snapshot says so, and work flows again once it is back.
@Suite("Server outages", .enabled(if: TestServer.available, TestServer.skipReason))
struct ServerOutageTests {
  @Test("polls back off with the error in the snapshot while the server is down, and tasks run again after it returns")
  func survivesRestart() async throws {
    try await PrivateServer.with { server in
      let queue = TestServer.uniqueTaskQueue("outage")
      let options = try server.connectionOptions
      let activities = [Activity("echo") { (_, text: String) in text }]

      try await TemporalConnection.withConnection(options) { connection in
        var workerOptions = WorkerOptions()
        workerOptions.activityPollers = 5  // a fixed number, to count the open polls
        let worker = try Worker(
          connection: connection, taskQueue: queue, activities: activities, options: workerOptions)
        try await withThrowingTaskGroup(of: Void.self) { group in
          group.addTask { try await worker.run() }
          defer { worker.forceShutdown() }
          try await WorkerHarness.eventually(worker, "pollers are polling") { $0.activityPollers.inFlight == 5 }

          try await server.run("stop")
          try await WorkerHarness.eventually(worker, "polls fail and back off") { snapshot in
            snapshot.activityPollers.lastError != nil && snapshot.activityPollers.backoffUntil != nil
          }
          let down = worker.snapshot()
          #expect(down.lifecycle == .running)
          #expect(down.activityPollers.lastError?.contains(server.address) == true)
          #expect(down.recentEvents.contains { $0.level == .warning && $0.message.hasPrefix("poll failed") })

          try await server.run("start")
          let report = try await PythonDriver.run(
            taskQueue: queue, calls: [.init(id: "after", activity: "echo", args: ["back"])], address: server.address)
          #expect(report.results["after"]?.value == "back")
          try await WorkerHarness.eventually(worker, "the completion is counted") { $0.counters.completed == 1 }
        }
      }
    }
  }

  @Test("a drain while the server hangs ends: ShutdownWorker times out, the open polls are cancelled, run() returns")
  func drainsWhileServerHangs() async throws {
    try await PrivateServer.with { server in
      let queue = TestServer.uniqueTaskQueue("outage-drain")
      var options = try server.connectionOptions
      options.callTimeout = .seconds(3)
      let activities = [Activity("echo") { (_, text: String) in text }]

      try await TemporalConnection.withConnection(options) { connection in
        // This server ends polls on ShutdownWorker; frozen, it cannot, and
        // only the worker's own fallback ends them before their 70 s deadline.
        #expect(connection.namespaceInfo.capabilities.workerPollCompleteOnShutdown)
        var workerOptions = WorkerOptions()
        workerOptions.activityPollers = 3
        let worker = try Worker(
          connection: connection, taskQueue: queue, activities: activities, options: workerOptions)
        try await withThrowingTaskGroup(of: Void.self) { group in
          group.addTask { try await worker.run() }
          try await WorkerHarness.eventually(worker, "pollers are polling") { $0.activityPollers.inFlight == 3 }
          server.freeze()
          worker.beginGracefulShutdown()
          try await WorkerHarness.eventually(worker, "the drain ends while the server is frozen", within: .seconds(40)) {
            $0.lifecycle == .stopped
          }
          try await group.next()
          let final = worker.snapshot()
          #expect(final.activityPollers.inFlight == 0)
          #expect(final.recentEvents.contains { $0.message.hasPrefix("ShutdownWorker failed") })
        }
        // The connection closes with the server still frozen.
      }
    }
  }

  @Test("heartbeats that fail while the server is down do not stop the activity; it completes on attempt 1 after")
  func heartbeatsThroughOutage() async throws {
    try await PrivateServer.with(persistent: true) { server in
      let queue = TestServer.uniqueTaskQueue("outage-heartbeat")
      let options = try server.connectionOptions
      let finish = OnceSignal<Void>()
      let activities = [
        Activity("beat") { (context: ActivityContext, _: String) -> String in
          var beats = 0
          while finish.value == nil {
            beats += 1
            context.heartbeat(beats)
            try await Task.sleep(for: .milliseconds(100))
          }
          return "done after \(beats) heartbeats"
        }
      ]

      try await TemporalConnection.withConnection(options) { connection in
        var workerOptions = WorkerOptions()
        workerOptions.activityPollers = 2
        // A heartbeat goes out every half second, so several fail in the outage.
        workerOptions.maxHeartbeatThrottleInterval = .milliseconds(500)
        let worker = try Worker(
          connection: connection, taskQueue: queue, activities: activities, options: workerOptions)
        try await withThrowingTaskGroup(of: Void.self) { group in
          group.addTask { try await worker.run() }
          defer { worker.forceShutdown() }
          async let report = PythonDriver.run(
            taskQueue: queue,
            calls: [.init(id: "beat", activity: "beat", args: ["x"], startToClose: 120, heartbeatTimeout: 30)],
            address: server.address)
          try await WorkerHarness.eventually(worker, "the activity heartbeats") {
            $0.activities.first?.heartbeat.lastAcknowledgedAt != nil
          }
          try await server.run("stop")
          let stopped = Date()
          try await WorkerHarness.eventually(worker, "heartbeats go unanswered") { snapshot in
            guard let activity = snapshot.activities.first, let sent = activity.heartbeat.lastSentAt else { return false }
            return sent > stopped && (activity.heartbeat.lastAcknowledgedAt ?? .distantPast) < stopped
          }
          #expect(worker.snapshot().activities.first?.cancellation == nil, "a failed heartbeat does not cancel")

          try await server.run("start")
          let restarted = Date()
          try await WorkerHarness.eventually(worker, "heartbeats are answered again") {
            ($0.activities.first?.heartbeat.lastAcknowledgedAt ?? .distantPast) > restarted
          }
          finish.fire(())
          let outcome = try #require(try await report.results["beat"])
          guard case .string(let text)? = outcome.value else {
            Issue.record("the activity did not complete: \(String(describing: outcome.error?.message))")
            return
          }
          #expect(text.hasPrefix("done after"))
          #expect(outcome.historyEvents == ["started 1", "completed"])
        }
      }
    }
  }

  @Test("on a server that does not end polls at ShutdownWorker, a drain cancels the open polls and ends at once")
  func drainWithoutServerPollCompletion() async throws {
    try await PrivateServer.with(pollCompleteOnShutdown: false) { server in
      let queue = TestServer.uniqueTaskQueue("drain-cancel")
      let options = try server.connectionOptions
      let activities = [Activity("echo") { (_, text: String) in text }]

      try await TemporalConnection.withConnection(options) { connection in
        #expect(!connection.namespaceInfo.capabilities.workerPollCompleteOnShutdown)
        var workerOptions = WorkerOptions()
        workerOptions.activityPollers = 3
        let worker = try Worker(
          connection: connection, taskQueue: queue, activities: activities, options: workerOptions)
        try await withThrowingTaskGroup(of: Void.self) { group in
          group.addTask { try await worker.run() }
          try await WorkerHarness.eventually(worker, "pollers are polling") { $0.activityPollers.inFlight == 3 }
          worker.beginGracefulShutdown()
          // Left open, the polls would hold the drain until the server
          // answers them empty (about a minute).
          try await WorkerHarness.eventually(worker, "the drain ends", within: .seconds(30)) { $0.lifecycle == .stopped }
          try await group.next()
          #expect(worker.snapshot().activityPollers.inFlight == 0)
        }
      }
    }
  }
}
