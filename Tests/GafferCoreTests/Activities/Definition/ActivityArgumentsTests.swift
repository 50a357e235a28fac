import Foundation
@testable import GafferCore
import Testing

@Suite("Activity arguments and results")
struct ActivityArgumentsTests {
  let converter = PayloadConverter.default

  @Test("payloads decode into the parameters in order, optional trailing ones may be missing")
  func decodesInOrder() throws {
    let payloads = [try converter.payload(for: "a"), try converter.payload(for: 2)]
    let (text, number, note) = try ActivityArguments.decode(
      (String.self, Int.self, String?.self), from: payloads, activity: "t")
    #expect(text == "a")
    #expect(number == 2)
    #expect(note == nil)
  }

  @Test("a payload that doesn't decode names the activity, the position and the problem, and is non-retryable")
  func decodeFailure() throws {
    let payloads = [try converter.payload(for: 1), try converter.payload(for: "x")]
    do {
      _ = try ActivityArguments.decode((Int.self, Int.self), from: payloads, activity: "sum")
      Issue.record("expected a decoding failure")
    } catch {
      #expect(error.type == "ActivityInputDecodingFailed")
      #expect(error.isNonRetryable)
      #expect(error.message.hasPrefix("Activity 'sum' can't decode argument 2 of 2 as Int:"))
      #expect(error.message.contains("expected Int"))
    }
  }

  @Test("too many or too few payloads fail with the counts")
  func counts() throws {
    let one = [try converter.payload(for: 1)]
    #expect(throws: ApplicationError.self) { _ = try ActivityArguments.decode((Int.self, Int.self), from: one, activity: "t") }
    do {
      _ = try ActivityArguments.decode((), from: one, activity: "none")
    } catch {
      #expect(error.message == "Activity 'none' takes 0 arguments but was called with 1.")
    }
  }

  @Test("two activities with one name is an error that names both origins")
  func duplicateNames() {
    let first = Activity("charge") { (_, n: Int) in n }
    let second = Activity("charge") { (_, s: String) in s }
    do {
      _ = try Worker.index([first, second, Activity("other") { (_: ActivityContext) in }], taskQueue: "orders")
      Issue.record("expected a duplicate-name error")
    } catch {
      #expect(error.message.contains("Two activities are registered as 'charge' on task queue 'orders'"))
      #expect(error.message.contains(first.origin))
      #expect(error.message.contains(second.origin))
      #expect(first.origin != second.origin)
    }
  }

  struct Greeter: ActivityDefinition {
    func run(_ input: String, context: ActivityContext) async throws -> String { "hi \(input)" }
  }

  @Test("the type form is named after its type unless it says otherwise")
  func typeFormName() {
    #expect(Activity(Greeter()).name == "Greeter")
    #expect(Activity(Greeter()).execution == .async)
    #expect(Activity.blocking("io") { (_, path: String) in path }.execution == .blocking)
  }
}
