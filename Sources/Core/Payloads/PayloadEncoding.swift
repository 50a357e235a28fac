/// The payload encodings Gaffer writes and reads, with the names the
/// official SDKs put in the `encoding` metadata.
public enum PayloadEncoding: String, Hashable, Sendable, CaseIterable {
  /// A nil / Void value: no bytes.
  case null = "binary/null"
  /// Raw bytes passed through unchanged.
  case bytes = "binary/plain"
  /// UTF-8 JSON.
  case json = "json/plain"
}
