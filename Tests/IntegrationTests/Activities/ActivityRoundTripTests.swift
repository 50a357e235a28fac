import Foundation
import GafferCore
import Testing

/// Values cross between a Python workflow and Swift activities unchanged.
@Suite("Activity payloads round-trip with Python workflows", .enabled(if: TestServer.available, TestServer.skipReason))
struct ActivityRoundTripTests {
  struct Order: Codable, Sendable {
    var orderID: Int
    var tags: [String]
    var note: String?
    enum CodingKeys: String, CodingKey {
      case orderID = "order_id"
      case tags, note
    }
  }

  struct Receipt: Codable, Sendable {
    var orderID: Int
    var tagCount: Int
    var note: String?
    enum CodingKeys: String, CodingKey {
      case orderID = "order_id"
      case tagCount = "tag_count"
      case note
    }
  }

  struct Shout: ActivityDefinition {
    var name: String { "shout" }
    func run(_ input: String, context: ActivityContext) async throws -> String { input.uppercased() }
  }

  static let activities = [
    Activity(Shout()),
    Activity("add") { (_, a: Int, b: Int) in a + b },
    Activity("count_words") { (_, words: [String: Int]) in words.mapValues { $0 * 2 } },
    Activity("receipt") { (_, order: Order) in Receipt(orderID: order.orderID, tagCount: order.tags.count, note: order.note) },
    Activity("nothing") { (_: ActivityContext) in },
    Activity.blocking("blocking_sum") { (_, numbers: [Int]) in
      // Really blocks its thread: it runs on the worker's blocking pool.
      usleep(20_000)
      return numbers.reduce(0, +)
    },
  ]

  @Test("str, int, dict, dataclass, void and a blocking body, each both ways")
  func roundTrip() async throws {
    let queue = TestServer.uniqueTaskQueue("roundtrip")
    let report = try await WorkerHarness.withWorker(taskQueue: queue, activities: Self.activities) { _ in
      try await PythonDriver.run(
        taskQueue: queue,
        calls: [
          .init(id: "str", activity: "shout", args: ["héllo/wörld"]),
          .init(id: "int", activity: "add", args: [40, 2]),
          .init(id: "dict", activity: "count_words", args: [.object(["a": 1, "b": 2])]),
          .init(
            id: "dataclass", activity: "receipt",
            args: [.object(["order_id": 7, "tags": .array(["x", "y", "z"]), "note": "a/b", "ignored": .bool(true)])]),
          .init(id: "void", activity: "nothing"),
          .init(id: "blocking", activity: "blocking_sum", args: [.array([1, 2, 3, 4])]),
        ])
    }
    #expect(report.results["str"]?.value == "HÉLLO/WÖRLD")
    #expect(report.results["int"]?.value == 42)
    #expect(report.results["dict"]?.value == .object(["a": 2, "b": 4]))
    #expect(report.results["dataclass"]?.value == .object(["order_id": 7, "tag_count": 3, "note": "a/b"]))
    // Python decodes our binary/null payload to None.
    #expect(report.results["void"]?.ok == true)
    #expect((report.results["void"]?.value ?? .null) == .null)
    #expect(report.results["blocking"]?.value == 10)
    for (id, outcome) in report.results {
      #expect(outcome.historyEvents == ["started 1", "completed"], "\(id)")
    }
  }
}
