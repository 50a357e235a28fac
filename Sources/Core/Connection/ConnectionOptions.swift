/// Everything needed to reach one namespace of a Temporal server.
public struct ConnectionOptions: Sendable, CustomStringConvertible {
  public var address: ServerAddress
  public var namespace: String
  /// Sent as `identity` on every call; shows in the server's poller lists and
  /// in history events. Defaults to `pid@hostname`, like the official SDKs.
  public var identity: String
  public var security: TransportSecurity
  /// Sent as `authorization: Bearer <key>`. Never printed or logged.
  public var apiKey: String?
  /// Deadline of ordinary (non-poll) calls, per attempt.
  public var callTimeout: Duration
  /// Deadline of the calls made while connecting.
  public var connectTimeout: Duration
  public var retry: RetryOptions

  public init(
    address: ServerAddress = ServerAddress(host: "127.0.0.1", port: ServerAddress.defaultPort),
    namespace: String = "default",
    identity: String = ProcessIdentity.default,
    security: TransportSecurity = .plaintext,
    apiKey: String? = nil,
    callTimeout: Duration = .seconds(10),
    connectTimeout: Duration = .seconds(10),
    retry: RetryOptions = .standard
  ) {
    self.address = address
    self.namespace = namespace
    self.identity = identity
    self.security = security
    self.apiKey = apiKey
    self.callTimeout = callTimeout
    self.connectTimeout = connectTimeout
    self.retry = retry
  }

  /// Safe to log: the API key is redacted.
  public var description: String {
    let securityText: String
    switch self.security {
    case .plaintext: securityText = "plaintext"
    case .tls(let tls): securityText = tls.clientCertificatePath == nil ? "tls" : "mtls"
    }
    let key = self.apiKey == nil ? "none" : "<redacted>"
    return "\(self.address) namespace=\(self.namespace) identity=\(self.identity) security=\(securityText) apiKey=\(key)"
  }
}
