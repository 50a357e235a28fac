/// How the connection to the server is secured.
public enum TransportSecurity: Hashable, Sendable {
  /// No TLS, as the local dev server expects.
  case plaintext
  /// TLS, optionally with a private CA and a client certificate (mTLS).
  case tls(TLSOptions)
}

/// TLS settings. Paths name PEM files; they are checked when the connection
/// is made, and a missing or unreadable one is reported by path.
public struct TLSOptions: Hashable, Sendable {
  /// CA bundle to trust instead of the system roots.
  public var caCertificatePath: String?
  /// Client certificate chain, for mTLS. Needs `clientKeyPath`.
  public var clientCertificatePath: String?
  /// Client private key, for mTLS. Needs `clientCertificatePath`.
  public var clientKeyPath: String?
  /// The name to expect on the server's certificate (and send as SNI) when
  /// it differs from the address's host, e.g. when connecting by IP.
  public var serverName: String?
  /// Skips server certificate verification. For tests against self-signed
  /// servers only.
  public var disableServerVerification: Bool

  public init(
    caCertificatePath: String? = nil,
    clientCertificatePath: String? = nil,
    clientKeyPath: String? = nil,
    serverName: String? = nil,
    disableServerVerification: Bool = false
  ) {
    self.caCertificatePath = caCertificatePath
    self.clientCertificatePath = clientCertificatePath
    self.clientKeyPath = clientKeyPath
    self.serverName = serverName
    self.disableServerVerification = disableServerVerification
  }
}
