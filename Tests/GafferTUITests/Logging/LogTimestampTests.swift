import Foundation
@testable import GafferTUI
import Testing

@Suite("Log line timestamps")
struct LogTimestampTests {
  @Test("UTC ISO 8601 with milliseconds, as Foundation's formatter writes them, across days, leap days and years")
  func matchesFoundation() {
    let reference = ISO8601DateFormatter()
    reference.timeZone = TimeZone(identifier: "UTC")
    reference.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let milliseconds: [Int64] = [
      0, 1, 999, 1_000, 86_399_999, 951_782_400_000,  // 2000-02-29
      1_709_164_800_123,  // 2024-02-29
      1_764_743_237_269, 1_798_761_599_999,  // 2026-12-31T23:59:59.999
      4_102_444_800_000,  // 2100-01-01
    ]
    for value in milliseconds {
      let date = Date(timeIntervalSince1970: Double(value) / 1000)
      #expect(LogTimestamp.string(from: date) == reference.string(from: date), "\(value) ms")
    }
    #expect(LogTimestamp.string(from: Date(timeIntervalSince1970: 1_764_743_237.269)) == "2025-12-03T06:27:17.269Z")
  }
}
