public import Foundation

/// One encoded value as it travels through Temporal: bytes plus metadata
/// saying how to read them (`encoding` is `json/plain`, `binary/null`, …).
/// The same shape the official SDKs exchange, so Python, Go and Java peers
/// read what Gaffer writes and the other way round.
public struct Payload: Hashable, Sendable, Codable {
  public var metadata: [String: Data]
  public var data: Data

  public init(metadata: [String: Data], data: Data) {
    self.metadata = metadata
    self.data = data
  }

  /// The `encoding` metadata entry, e.g. "json/plain"; nil if absent or not UTF-8.
  public var encoding: String? {
    self.metadata[Payload.encodingKey].flatMap { String(data: $0, encoding: .utf8) }
  }

  static let encodingKey = "encoding"
}
