@testable import GafferCore
import Testing

@Suite("The grpc-timeout header")
struct GRPCTimeoutTests {
  @Test(
    "the finest unit that fits in eight digits, rounded up",
    arguments: [
      (Duration.seconds(10), "10000000u"),
      (.seconds(70), "70000000u"),
      (.milliseconds(1500), "1500000u"),
      (.nanoseconds(1), "1n"),
      (.nanoseconds(99_999_999), "99999999n"),
      (.nanoseconds(100_000_001), "100001u"),
      (.seconds(100_000), "100000S"),
      (.seconds(200_000_000), "3333334M"),
    ])
  func units(timeout: Duration, header: String) {
    #expect(GRPCTimeout.headerValue(for: timeout) == header)
  }

  @Test("no time left still asks for the least the header can say, not nothing")
  func zero() {
    #expect(GRPCTimeout.headerValue(for: .zero) == "1n")
    #expect(GRPCTimeout.headerValue(for: .seconds(-3)) == "1n")
  }
}
