/// Facts about this build of Gaffer that travel on the wire and into logs.
public enum Gaffer {
  /// Sent as the `client-version` header and printed by `gaffer --version`.
  public static let version = "0.1.0"
  /// Sent as the `client-name` header. The server checks versions only for the
  /// SDK names it knows, so any other name passes unchecked.
  public static let clientName = "gaffer-swift"
}
