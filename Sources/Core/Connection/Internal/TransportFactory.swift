#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import GRPCNIOTransportHTTP2Posix
internal import NIOCore

/// Builds the HTTP/2 transport for the options, checking TLS files first so
/// a wrong path is reported by name rather than as a handshake failure.
enum TransportFactory {
  static func makeTransport(
    for options: ConnectionOptions, on eventLoop: any EventLoop
  ) throws -> HTTP2ClientTransport.Posix {
    let security: HTTP2ClientTransport.Posix.TransportSecurity
    switch options.security {
    case .plaintext:
      security = .plaintext
    case .tls(let tls):
      security = try Self.transportSecurity(for: tls)
    }
    var config = HTTP2ClientTransport.Posix.Config.defaults
    config.channelDebuggingCallbacks.onCreateTCPConnection = ServerPingResponder.install
    // grpc-swift's default reconnect backoff grows to two minutes; after an
    // outage the worker would wait out a step of it before it could poll or
    // report again. A reconnect attempt is one SYN: try often, at most every
    // half second.
    config.backoff = .init(initial: .milliseconds(100), max: .milliseconds(500), multiplier: 1.6, jitter: 0.2)
    if let interval = options.keepaliveInterval {
      config.connection.keepalive = .init(time: interval, timeout: options.keepaliveTimeout, allowWithoutCalls: true)
    }
    if case .tls(let tls) = options.security, let serverName = tls.serverName {
      // The authority names the server for SNI and certificate checks.
      config.http2.authority = serverName
    }
    do {
      return try HTTP2ClientTransport.Posix(
        target: Self.target(for: options.address),
        transportSecurity: security,
        config: config,
        eventLoopGroup: eventLoop
      )
    } catch {
      throw ConnectionError(
        code: .invalidAddress,
        message: "Can't set up a connection to \(options.address): \(error).",
        cause: error)
    }
  }

  /// IP literals get their own targets: the DNS target would offer the IP
  /// as the TLS server name, which TLS forbids.
  static func target(for address: ServerAddress) -> any ResolvableTarget {
    var ipv4 = in_addr()
    var ipv6 = in6_addr()
    if inet_pton(AF_INET, address.host, &ipv4) == 1 {
      return .ipv4(address: address.host, port: address.port)
    }
    if inet_pton(AF_INET6, address.host, &ipv6) == 1 {
      return .ipv6(address: address.host, port: address.port)
    }
    return .dns(host: address.host, port: address.port)
  }

  static func transportSecurity(for tls: TLSOptions) throws -> HTTP2ClientTransport.Posix.TransportSecurity {
    if let path = tls.caCertificatePath { try Self.checkReadable(path, role: "CA certificate") }
    switch (tls.clientCertificatePath, tls.clientKeyPath) {
    case (let cert?, let key?):
      try Self.checkReadable(cert, role: "client certificate")
      try Self.checkReadable(key, role: "client key")
    case (.some, nil):
      throw ConnectionError(
        code: .tlsFileUnreadable,
        message: "A client certificate was given without its key: mTLS needs both (pass the key file too).")
    case (nil, .some):
      throw ConnectionError(
        code: .tlsFileUnreadable,
        message: "A client key was given without its certificate: mTLS needs both (pass the certificate file too).")
    case (nil, nil):
      break
    }

    return .tls { config in
      if let ca = tls.caCertificatePath {
        config.trustRoots = .certificates([.file(path: ca, format: .pem)])
      }
      if let cert = tls.clientCertificatePath, let key = tls.clientKeyPath {
        config.certificateChain = [.file(path: cert, format: .pem)]
        config.privateKey = .file(path: key, format: .pem)
      }
      if tls.disableServerVerification {
        config.serverCertificateVerification = .noVerification
      }
    }
  }

  static func checkReadable(_ path: String, role: String) throws {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      let reason = String(cString: strerror(errno))
      throw ConnectionError(
        code: .tlsFileUnreadable,
        message: "Can't read the TLS \(role) file '\(path)': \(reason). Check the path and its permissions.")
    }
    close(fd)
  }
}
