/// Percentiles of a latency, measured with an HDR histogram.
public struct LatencySummary: Hashable, Sendable, Codable {
  public var count: Int
  public var p50: Duration
  public var p99: Duration
  public var max: Duration

  public static let empty = LatencySummary(count: 0, p50: .zero, p99: .zero, max: .zero)

  public init(
    count: Int,
    p50: Duration,
    p99: Duration,
    max: Duration
  ) {
    self.count = count
    self.p50 = p50
    self.p99 = p99
    self.max = max
  }
}
