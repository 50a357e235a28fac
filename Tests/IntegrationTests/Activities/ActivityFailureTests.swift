import Foundation
import GafferCore
import Testing

/// Swift errors arrive in Python workflows as the official SDKs would send them.
@Suite("Activity failures as Python workflows see them", .enabled(if: TestServer.available, TestServer.skipReason))
struct ActivityFailureTests {
  struct PaymentDeclined: Error, CustomStringConvertible {
    var card: String
    var description: String { "card \(card) was declined" }
  }

  @Test("a thrown Swift error keeps its type name and message; non-retryable stops retries; a retryable one succeeds on attempt 3")
  func errorsAndRetries() async throws {
    let queue = TestServer.uniqueTaskQueue("failures")
    let attemptsSeen = Observations<Int>()
    let activities = [
      Activity("decline") { (_, card: String) -> String in throw PaymentDeclined(card: card) },
      Activity("fatal") { (_: ActivityContext) -> String in
        throw ApplicationError("ledger is closed", type: "LedgerClosed", nonRetryable: true)
      },
      Activity("flaky") { (context: ActivityContext) -> Int in
        attemptsSeen.append(context.info.attempt)
        if context.info.attempt < 3 { throw ApplicationError("not yet (attempt \(context.info.attempt))", type: "NotYet") }
        return context.info.attempt
      },
    ]
    let report = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { _ in
      try await PythonDriver.run(
        taskQueue: queue,
        calls: [
          .init(id: "decline", activity: "decline", args: ["4242"], maxAttempts: 1),
          .init(id: "fatal", activity: "fatal", maxAttempts: 5),
          .init(id: "flaky", activity: "flaky", maxAttempts: 5),
        ])
    }

    let decline = try #require(report.results["decline"]?.error?.cause)
    #expect(decline.class == "ApplicationError")
    #expect(decline.type == "PaymentDeclined")
    #expect(decline.message == "card 4242 was declined")
    #expect(decline.nonRetryable == false)

    let fatal = try #require(report.results["fatal"])
    #expect(fatal.error?.cause?.type == "LedgerClosed")
    #expect(fatal.error?.cause?.nonRetryable == true)
    #expect(fatal.error?.retryState == "NON_RETRYABLE_FAILURE")
    #expect(fatal.historyEvents == ["started 1", "failed LedgerClosed"], "non-retryable: exactly one attempt")

    let flaky = try #require(report.results["flaky"])
    #expect(flaky.value == 3)
    #expect(attemptsSeen.all == [1, 2, 3])
    #expect(flaky.historyEvents == ["started 3", "completed"], "history keeps the last attempt's start")
  }

  @Test("an unknown activity type and undecodable input fail with messages naming what is wrong")
  func unknownTypeAndBadInput() async throws {
    let queue = TestServer.uniqueTaskQueue("badinput")
    let activities = [
      Activity("double") { (_, n: Int) in n * 2 },
      Activity("greet") { (_, name: String) in "hi \(name)" },
    ]
    let report = try await WorkerHarness.withWorker(taskQueue: queue, activities: activities) { _ in
      try await PythonDriver.run(
        taskQueue: queue,
        calls: [
          .init(id: "unknown", activity: "triple", args: [1]),
          .init(id: "undecodable", activity: "double", args: ["seven"], maxAttempts: 3),
          .init(id: "count", activity: "greet", args: ["a", "b"], maxAttempts: 3),
        ])
    }
    let unknown = try #require(report.results["unknown"]?.error?.cause)
    #expect(unknown.message.contains("Activity type 'triple' is not registered"))
    #expect(unknown.message.contains("It has: 'double', 'greet'."))

    let undecodable = try #require(report.results["undecodable"])
    #expect(undecodable.error?.cause?.nonRetryable == true)
    #expect(undecodable.error?.cause?.message.contains("Activity 'double' can't decode argument 1 of 1 as Int") == true)
    #expect(undecodable.historyEvents.count == 2, "non-retryable: one attempt only")

    let count = try #require(report.results["count"]?.error?.cause)
    #expect(count.message == "Activity 'greet' takes 1 argument but was called with 2.")
    #expect(count.nonRetryable == true)
  }
}
