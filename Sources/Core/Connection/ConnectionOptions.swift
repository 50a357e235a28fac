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
  /// HTTP/2 keepalive: a PING after this long without hearing from the
  /// server, open calls or not. A server that vanished without closing the
  /// socket (host gone, a NAT or load balancer dropping the flow, a frozen
  /// process) is found within interval + timeout, and the calls on that
  /// connection fail over to a new one, instead of each waiting out its own
  /// deadline — 70 s for a poll. `nil` turns it off. grpc-swift raises an
  /// interval below 10 s to 10 s, and Temporal's frontend refuses pings
  /// more often than that by default.
  public var keepaliveInterval: Duration?
  /// How long the server has to answer a keepalive PING before the
  /// connection is closed.
  public var keepaliveTimeout: Duration

  public init(
    address: ServerAddress = ServerAddress(host: "127.0.0.1", port: ServerAddress.defaultPort),
    namespace: String = "default",
    identity: String = ProcessIdentity.default,
    security: TransportSecurity = .plaintext,
    apiKey: String? = nil,
    callTimeout: Duration = .seconds(10),
    connectTimeout: Duration = .seconds(10),
    retry: RetryOptions = .standard,
    // The official SDKs' defaults.
    keepaliveInterval: Duration? = .seconds(30),
    keepaliveTimeout: Duration = .seconds(15)
  ) {
    self.address = address
    self.namespace = namespace
    self.identity = identity
    self.security = security
    self.apiKey = apiKey
    self.callTimeout = callTimeout
    self.connectTimeout = connectTimeout
    self.retry = retry
    self.keepaliveInterval = keepaliveInterval
    self.keepaliveTimeout = keepaliveTimeout
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
