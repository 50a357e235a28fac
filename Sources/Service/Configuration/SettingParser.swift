internal import GafferCore

/// Turns raw setting text into typed values, with errors that name the
/// setting the way the user gave it: `--flag value` or `VARIABLE=value`.
struct SettingParser {
  let raw: [String: String]
  let sources: [String: ConfigurationSource]

  /// `--max-concurrent-activities abc` for a flag, `MAX_CONCURRENT_ACTIVITIES=abc` otherwise.
  func named(_ variable: String) -> String {
    let value = self.raw[variable] ?? ""
    if self.sources[variable] == .flag, let setting = ConfigurationSetting.named(variable) {
      return "--\(setting.flag) \(value)"
    }
    return "\(variable)=\(value)"
  }

  /// A message from WorkerOptions or ConsoleOptions (which speak in
  /// variables), re-said with the flag when the value came from one.
  func attributed(_ message: String) -> ConfigurationError {
    for (variable, source) in self.sources where source == .flag {
      for prefix in ["\(variable)=\(self.raw[variable] ?? "")", "\(variable)='\(self.raw[variable] ?? "")'"]
      where message.hasPrefix(prefix) {
        return ConfigurationError(self.named(variable) + message.dropFirst(prefix.count))
      }
    }
    return ConfigurationError(message)
  }

  func flag(_ variable: String) throws(ConfigurationError) -> Bool {
    guard let text = self.raw[variable] else { return false }
    switch text.lowercased() {
    case "1", "true", "yes", "on": return true
    case "0", "false", "no", "off": return false
    default: throw ConfigurationError("\(self.named(variable)) is not allowed: use 1 or 0.")
    }
  }

  func choice<Choice: RawRepresentable & CaseIterable>(
    _ variable: String, default fallback: Choice
  ) throws(ConfigurationError) -> Choice where Choice.RawValue == String {
    guard let text = self.raw[variable] else { return fallback }
    guard let choice = Choice(rawValue: text.lowercased()) else {
      let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
      throw ConfigurationError("\(self.named(variable)) is not allowed: use one of \(allowed).")
    }
    return choice
  }

  func connection() throws(ConfigurationError) -> ConnectionOptions {
    var options = ConnectionOptions()
    if let text = self.raw["TEMPORAL_ADDRESS"] {
      do {
        options.address = try ServerAddress(parsing: text)
      } catch {
        throw ConfigurationError("\(self.named("TEMPORAL_ADDRESS")) is not allowed: \(error.message)")
      }
    }
    if let namespace = self.raw["TEMPORAL_NAMESPACE"] { options.namespace = namespace }
    if let identity = self.raw["TEMPORAL_IDENTITY"] { options.identity = identity }
    let ca = self.raw["TEMPORAL_TLS_CA"]
    let cert = self.raw["TEMPORAL_TLS_CERT"]
    let key = self.raw["TEMPORAL_TLS_KEY"]
    let serverName = self.raw["TEMPORAL_TLS_SERVER_NAME"]
    if (cert == nil) != (key == nil) {
      let given = cert == nil ? "TEMPORAL_TLS_KEY" : "TEMPORAL_TLS_CERT"
      let missing = cert == nil ? "TEMPORAL_TLS_CERT" : "TEMPORAL_TLS_KEY"
      throw ConfigurationError(
        "\(self.named(given)) is not allowed alone: mTLS needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY; set \(missing) too.")
    }
    if try self.flag("TEMPORAL_TLS") || ca != nil || cert != nil || serverName != nil {
      options.security = .tls(
        TLSOptions(caCertificatePath: ca, clientCertificatePath: cert, clientKeyPath: key, serverName: serverName))
    }
    options.apiKey = self.raw["TEMPORAL_API_KEY"]
    return options
  }

  func httpEndpoint() throws(ConfigurationError) -> GafferConfiguration.HTTPEndpoint? {
    guard let text = self.raw["GAFFER_HTTP_PORT"], text.lowercased() != "off" else { return nil }
    guard let port = Int(text), (1...65535).contains(port) else {
      throw ConfigurationError("\(self.named("GAFFER_HTTP_PORT")) is not allowed: use a port from 1 to 65535, or leave it unset.")
    }
    let host = self.raw["GAFFER_HTTP_HOST"] ?? "0.0.0.0"
    return GafferConfiguration.HTTPEndpoint(host: host, port: port)
  }
}
