internal import Histogram

/// A latency distribution in microseconds (1 µs to 1 hour, 3 significant
/// digits): recording is a few instructions, percentiles are read on demand.
struct LatencyRecorder: Sendable {
  private var histogram = Histogram<UInt64>(
    lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)

  mutating func record(_ duration: Duration) {
    let micros = max(1, min(Int64(duration.seconds * 1e6), 3_600_000_000))
    _ = self.histogram.record(UInt64(micros))
  }

  var summary: LatencySummary {
    guard self.histogram.totalCount > 0 else { return .empty }
    return LatencySummary(
      count: Int(self.histogram.totalCount),
      p50: .microseconds(Int64(self.histogram.valueAtPercentile(50))),
      p99: .microseconds(Int64(self.histogram.valueAtPercentile(99))),
      max: .microseconds(Int64(self.histogram.max)))
  }
}
