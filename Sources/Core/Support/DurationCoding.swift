internal import Foundation

// Durations in a snapshot travel as seconds (a JSON number), not as the
// standard library's pair of attosecond halves: the control socket's
// format is read by tools in other languages. These overloads are what
// the synthesized `Codable` of the snapshot types picks for their
// `Duration` properties; `SnapshotCodingTests` checks that it does.

extension KeyedEncodingContainer {
  mutating func encode(_ value: Duration, forKey key: Key) throws {
    try self.encode(value.seconds, forKey: key)
  }

  mutating func encodeIfPresent(_ value: Duration?, forKey key: Key) throws {
    guard let value else { return }
    try self.encode(value.seconds, forKey: key)
  }
}

extension KeyedDecodingContainer {
  func decode(_ type: Duration.Type, forKey key: Key) throws -> Duration {
    Self.duration(seconds: try self.decode(Double.self, forKey: key))
  }

  func decodeIfPresent(_ type: Duration.Type, forKey key: Key) throws -> Duration? {
    try self.decodeIfPresent(Double.self, forKey: key).map(Self.duration(seconds:))
  }

  private static func duration(seconds: Double) -> Duration {
    guard seconds.isFinite else { return .zero }
    // Clamped short of Int64's ends (about 292 years), where the conversion traps.
    return .nanoseconds(Int64(max(min(seconds * 1e9, 9e18), -9e18)))
  }
}
