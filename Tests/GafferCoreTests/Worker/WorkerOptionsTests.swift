@testable import GafferCore
import Testing

@Suite("Worker options")
struct WorkerOptionsTests {
  @Test("defaults: 100 slots, pollers autoscaling 1–100 from 5, 30 s / 60 s heartbeat windows")
  func defaults() throws {
    let options = WorkerOptions()
    #expect(options.maxConcurrentActivities == 100)
    #expect(options.activityPollers == 5)
    #expect(options.activityPollerBehavior == .autoscaling(minimum: 1, initial: 5, maximum: 100))
    #expect(options.defaultHeartbeatThrottleInterval == .seconds(30))
    #expect(options.maxHeartbeatThrottleInterval == .seconds(60))
    #expect(options.gracefulShutdownTimeout == .seconds(30))
    try options.validate()
  }

  @Test("environment variables set the options")
  func environment() throws {
    let options = try WorkerOptions(environment: [
      "MAX_CONCURRENT_ACTIVITIES": "7", "ACTIVITY_POLLERS": "2", "MAX_ACTIVITIES_PER_SECOND": "12.5",
      "MAX_TASK_QUEUE_ACTIVITIES_PER_SECOND": "100", "GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS": "2.5",
    ])
    #expect(options.maxConcurrentActivities == 7)
    #expect(options.activityPollers == 2)
    #expect(options.maxActivitiesPerSecond == 12.5)
    #expect(options.maxTaskQueueActivitiesPerSecond == 100)
    #expect(options.gracefulShutdownTimeout == .milliseconds(2500))
  }

  @Test("a bad environment value names the variable, the value and what is allowed", arguments: [
    ("MAX_CONCURRENT_ACTIVITIES", "abc"), ("MAX_CONCURRENT_ACTIVITIES", "-1"), ("MAX_CONCURRENT_ACTIVITIES", "0"),
    ("ACTIVITY_POLLERS", "1.5"), ("ACTIVITY_POLLERS", "auto:5,1,10"), ("MAX_ACTIVITIES_PER_SECOND", "0"), ("GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS", "-3"),
  ])
  func badEnvironment(name: String, value: String) {
    do {
      _ = try WorkerOptions(environment: [name: value])
      Issue.record("\(name)=\(value) must be rejected")
    } catch {
      #expect(error.message.hasPrefix("\(name)=\(value) is not allowed: "))
    }
  }

  @Test("ACTIVITY_POLLERS=auto or auto:MIN,INITIAL,MAX turns on autoscaling")
  func autoscalingPollers() throws {
    #expect(try WorkerOptions(environment: ["ACTIVITY_POLLERS": "auto"]).activityPollerBehavior == .autoscalingDefault)
    let options = try WorkerOptions(environment: ["ACTIVITY_POLLERS": "auto:2,8,64"])
    #expect(options.activityPollerBehavior == .autoscaling(minimum: 2, initial: 8, maximum: 64))
    #expect(options.activityPollers == 8)
    try options.validate()
  }

  @Test("zero or negative slots are rejected with a message that says what to do instead")
  func zeroSlots() {
    var options = WorkerOptions()
    options.maxConcurrentActivities = 0
    #expect(throws: WorkerConfigurationError("maxConcurrentActivities is 0: the minimum is 1. Pause polling to stop taking work.")) {
      try options.validate()
    }
  }
}
