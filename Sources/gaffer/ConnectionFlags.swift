internal import ArgumentParser
internal import GafferCore

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The flags every command that talks to a server shares.
struct ConnectionFlags: ParsableArguments {
  @Option(help: "Temporal frontend as host:port (default: $TEMPORAL_ADDRESS, else 127.0.0.1:7233).")
  var address: String?

  @Option(help: "Namespace to use (default: $TEMPORAL_NAMESPACE, else 'default').")
  var namespace: String?

  @Option(help: "Identity sent with every call (default: pid@hostname).")
  var identity: String?

  @Flag(help: "Use TLS with the system's trusted roots.")
  var tls = false

  @Option(name: .customLong("tls-ca"), help: "CA certificate (PEM) to trust; implies --tls.")
  var tlsCA: String?

  @Option(name: .customLong("tls-cert"), help: "Client certificate (PEM) for mTLS; implies --tls.")
  var tlsCert: String?

  @Option(name: .customLong("tls-key"), help: "Client private key (PEM) for mTLS; implies --tls.")
  var tlsKey: String?

  @Option(name: .customLong("tls-server-name"), help: "Server name to verify and send as SNI; implies --tls.")
  var tlsServerName: String?

  @Option(
    name: .customLong("api-key"),
    help: "API key, sent as a bearer token (default: $TEMPORAL_API_KEY). Prefer the variable: flags show in ps.")
  var apiKey: String?

  @Option(name: .customLong("connect-timeout"), help: "Seconds to keep trying to connect.")
  var connectTimeout: Double = 5

  func connectionOptions() throws -> ConnectionOptions {
    let environment = Environment()
    let addressText = self.address ?? environment["TEMPORAL_ADDRESS"] ?? "127.0.0.1:\(ServerAddress.defaultPort)"
    var options = ConnectionOptions(address: try ServerAddress(parsing: addressText))
    options.namespace = self.namespace ?? environment["TEMPORAL_NAMESPACE"] ?? "default"
    guard !options.namespace.isEmpty else {
      throw ValidationError("--namespace can't be empty.")
    }
    if let identity = self.identity { options.identity = identity }
    if self.tls || self.tlsCA != nil || self.tlsCert != nil || self.tlsKey != nil || self.tlsServerName != nil {
      options.security = .tls(
        TLSOptions(
          caCertificatePath: self.tlsCA, clientCertificatePath: self.tlsCert, clientKeyPath: self.tlsKey,
          serverName: self.tlsServerName))
    }
    options.apiKey = self.apiKey ?? environment["TEMPORAL_API_KEY"]
    guard self.connectTimeout > 0, self.connectTimeout <= 600 else {
      throw ValidationError("--connect-timeout must be more than 0 and at most 600 seconds; got \(self.connectTimeout).")
    }
    options.connectTimeout = .milliseconds(Int64(self.connectTimeout * 1000))
    return options
  }
}

/// Reads environment variables without Foundation.
struct Environment {
  subscript(name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
  }
}
