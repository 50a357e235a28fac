import Foundation
@testable import GafferCore
import Testing

@Suite("Snapshot rings")
struct ThroughputRingTests {
  @Test("samples count per second, reuse old buckets, and report quiet seconds as zero")
  func throughput() {
    var ring = ThroughputRing(seconds: 3)
    let base = Date(timeIntervalSince1970: 1_000)
    ring.record(completed: true, at: base)
    ring.record(completed: true, at: base.addingTimeInterval(0.5))
    ring.record(completed: false, at: base.addingTimeInterval(2))
    ring.record(completed: true, at: base.addingTimeInterval(3))  // reuses the bucket of second 1000
    let samples = ring.samples(until: base.addingTimeInterval(3))
    #expect(samples.map(\.completed) == [0, 0, 1])
    #expect(samples.map(\.failed) == [0, 1, 0])
    #expect(samples.map(\.second.timeIntervalSince1970) == [1_001, 1_002, 1_003])
  }

  @Test("the event ring keeps the newest events, oldest first")
  func events() {
    var ring = EventRing(capacity: 3)
    for index in 0..<5 {
      ring.append(WorkerEvent(at: Date(timeIntervalSince1970: Double(index)), level: .info, message: "e\(index)"))
    }
    #expect(ring.events.map(\.message) == ["e2", "e3", "e4"])
  }
}
