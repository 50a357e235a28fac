internal import ArgumentParser
internal import GafferCore
internal import Logging


/// `gaffer ping`: can this machine reach the server and the namespace, and
/// what does the server offer?
struct PingCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ping",
    abstract: "Connect to a Temporal server and print its version, the namespace and their capabilities."
  )

  @OptionGroup var connection: ConnectionFlags

  @Option(name: .customLong("connect-timeout"), help: "Seconds to keep trying to connect.")
  var connectTimeout: Double = 5

  func run() async throws {
    var options = try loadConfiguration(flags: self.connection.values).connection
    guard self.connectTimeout > 0, self.connectTimeout <= 600 else {
      throw ValidationError("--connect-timeout must be more than 0 and at most 600 seconds; got \(self.connectTimeout).")
    }
    options.connectTimeout = .milliseconds(Int64(self.connectTimeout * 1000))
    var logger = Logger(label: "gaffer.ping")
    logger.logLevel = .critical  // ping speaks for itself; failures are printed below
    do {
      let report = try await TemporalConnection.withConnection(options, logger: logger) { connection in
        PingReport(connection: connection)
      }
      print(report.text)
    } catch let error as ConnectionError {
      printError("gaffer ping: \(error.message)")
      throw ExitCode(1)
    }
  }
}

/// The lines `gaffer ping` prints on success.
struct PingReport: Sendable {
  var text: String

  init(connection: TemporalConnection) {
    let server = connection.serverInfo
    let namespace = connection.namespaceInfo
    let milliseconds = Int((connection.connectDuration / .milliseconds(1)).rounded())
    let security: String
    switch connection.options.security {
    case .plaintext: security = "plaintext"
    case .tls(let tls): security = tls.clientCertificatePath == nil ? "TLS" : "mTLS"
    }
    func list(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }
    let rows: [(String, String)] = [
      ("Server", "\(connection.options.address) (\(security), connected in \(milliseconds) ms)"),
      ("Server version", server.version),
      ("Namespace", namespace.name),
      ("Namespace id", namespace.id),
      ("Namespace state", "\(namespace.state)"),
      ("Identity", connection.options.identity),
      ("Server capabilities", list(server.capabilities.enabledNames)),
      ("Namespace capabilities", list(namespace.capabilities.enabledNames)),
    ]
    let width = rows.map(\.0.count).max() ?? 0
    self.text = rows.map { label, value in
      label + String(repeating: " ", count: width - label.count + 2) + value
    }.joined(separator: "\n")
  }
}
