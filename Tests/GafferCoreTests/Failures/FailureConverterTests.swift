import Foundation
@testable import GafferCore
import Testing

@Suite("Failure conversion")
struct FailureConverterTests {
  struct OutOfStock: Error, CustomStringConvertible {
    var sku: String
    var description: String { "no \(sku) left" }
  }

  struct Typed: ActivityFailureConvertible {
    var failureType: String { "Typed.Custom" }
    var isNonRetryable: Bool { true }
  }

  @Test("a plain Swift error becomes a retryable application failure typed by its Swift type name")
  func plainError() {
    let failure = FailureConverter.failure(for: OutOfStock(sku: "A-1"))
    #expect(failure.message == "no A-1 left")
    #expect(failure.applicationFailureInfo.type == "OutOfStock")
    #expect(failure.applicationFailureInfo.nonRetryable == false)
    #expect(failure.source == FailureConverter.source)
    #expect(!failure.hasCause)
  }

  @Test("ApplicationError sets type, non-retryable, details, next retry delay and the cause chain")
  func applicationError() throws {
    let error = try ApplicationError(
      "charge failed", type: "CardError", nonRetryable: true, details: "card", 42,
      cause: ApplicationError("gateway down", type: "Gateway", cause: OutOfStock(sku: "B")))
    var withDelay = error
    withDelay.nextRetryDelay = .milliseconds(1500)
    let failure = FailureConverter.failure(for: withDelay)
    #expect(failure.message == "charge failed")
    #expect(failure.applicationFailureInfo.type == "CardError")
    #expect(failure.applicationFailureInfo.nonRetryable)
    #expect(failure.applicationFailureInfo.details.payloads.map { String(decoding: $0.data, as: UTF8.self) } == ["\"card\"", "42"])
    #expect(failure.applicationFailureInfo.nextRetryDelay.seconds == 1)
    #expect(failure.applicationFailureInfo.nextRetryDelay.nanos == 500_000_000)
    #expect(failure.cause.applicationFailureInfo.type == "Gateway")
    #expect(failure.cause.cause.applicationFailureInfo.type == "OutOfStock")
    #expect(failure.cause.cause.message == "no B left")
    #expect(!failure.cause.cause.hasCause)
  }

  @Test("an error can choose its own failure type and retryability")
  func convertible() {
    let failure = FailureConverter.failure(for: Typed())
    #expect(failure.applicationFailureInfo.type == "Typed.Custom")
    #expect(failure.applicationFailureInfo.nonRetryable)
  }

  @Test("worker shutdown is a retryable WorkerShutdown application failure")
  func workerShutdown() {
    let failure = FailureConverter.workerShutdown()
    #expect(failure.applicationFailureInfo.type == "WorkerShutdown")
    #expect(failure.applicationFailureInfo.nonRetryable == false)
    #expect(failure.message == "Worker is shutting down and this activity did not complete in time")
  }
}
