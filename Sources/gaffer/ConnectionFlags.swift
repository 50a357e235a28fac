internal import ArgumentParser

/// The flags every command that talks to a server shares. Each one beats its
/// environment variable (`gaffer config` lists both).
struct ConnectionFlags: ParsableArguments {
  @Option(help: "Temporal frontend as host:port. Env TEMPORAL_ADDRESS; default 127.0.0.1:7233.")
  var address: String?

  @Option(help: "Namespace. Env TEMPORAL_NAMESPACE; default 'default'.")
  var namespace: String?

  @Option(help: "Identity sent with every call. Env TEMPORAL_IDENTITY; default pid@hostname.")
  var identity: String?

  @Flag(help: "Use TLS with the system's trusted roots. Env TEMPORAL_TLS=1.")
  var tls = false

  @Option(name: .customLong("tls-ca"), help: "CA certificate (PEM) to trust; implies TLS. Env TEMPORAL_TLS_CA.")
  var tlsCA: String?

  @Option(name: .customLong("tls-cert"), help: "Client certificate (PEM) for mTLS. Env TEMPORAL_TLS_CERT.")
  var tlsCert: String?

  @Option(name: .customLong("tls-key"), help: "Client private key (PEM) for mTLS. Env TEMPORAL_TLS_KEY.")
  var tlsKey: String?

  @Option(name: .customLong("tls-server-name"), help: "Server name to verify and send as SNI. Env TEMPORAL_TLS_SERVER_NAME.")
  var tlsServerName: String?

  @Option(
    name: .customLong("api-key"),
    help: "API key, sent as a bearer token. Prefer env TEMPORAL_API_KEY: flags show in ps.")
  var apiKey: String?

  /// The values given, keyed by environment variable.
  var values: [String: String] {
    var values: [String: String] = [:]
    values["TEMPORAL_ADDRESS"] = self.address
    values["TEMPORAL_NAMESPACE"] = self.namespace
    values["TEMPORAL_IDENTITY"] = self.identity
    if self.tls { values["TEMPORAL_TLS"] = "1" }
    values["TEMPORAL_TLS_CA"] = self.tlsCA
    values["TEMPORAL_TLS_CERT"] = self.tlsCert
    values["TEMPORAL_TLS_KEY"] = self.tlsKey
    values["TEMPORAL_TLS_SERVER_NAME"] = self.tlsServerName
    values["TEMPORAL_API_KEY"] = self.apiKey
    return values
  }
}
