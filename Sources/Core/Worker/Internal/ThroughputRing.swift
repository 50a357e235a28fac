internal import Foundation

/// Completions and failures per wall-clock second over the last
/// `seconds` seconds, in a fixed ring so recording never allocates.
struct ThroughputRing: Sendable {
  private struct Bucket: Sendable {
    var second: Int64 = .min
    var completed = 0
    var failed = 0
  }

  let seconds: Int
  private var buckets: [Bucket]

  init(seconds: Int) {
    self.seconds = max(1, seconds)
    self.buckets = Array(repeating: Bucket(), count: self.seconds)
  }

  mutating func record(completed: Bool, at date: Date) {
    let second = Int64(date.timeIntervalSince1970.rounded(.down))
    let index = Int(((second % Int64(self.seconds)) + Int64(self.seconds)) % Int64(self.seconds))
    if self.buckets[index].second != second {
      self.buckets[index] = Bucket(second: second)
    }
    if completed {
      self.buckets[index].completed += 1
    } else {
      self.buckets[index].failed += 1
    }
  }

  /// One sample for each of the last `seconds` seconds up to `now`, oldest
  /// first; seconds with nothing recorded count zero.
  func samples(until now: Date) -> [ThroughputSample] {
    let current = Int64(now.timeIntervalSince1970.rounded(.down))
    var samples: [ThroughputSample] = []
    samples.reserveCapacity(self.seconds)
    for second in (current - Int64(self.seconds) + 1)...current {
      let index = Int(((second % Int64(self.seconds)) + Int64(self.seconds)) % Int64(self.seconds))
      let bucket = self.buckets[index]
      let matches = bucket.second == second
      samples.append(
        ThroughputSample(
          second: Date(timeIntervalSince1970: TimeInterval(second)),
          completed: matches ? bucket.completed : 0,
          failed: matches ? bucket.failed : 0))
    }
    return samples
  }
}
