internal import ArgumentParser
internal import GafferCore
internal import Logging

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// `gaffer ping`: can this machine reach the server and the namespace, and
/// what does the server offer?
struct PingCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ping",
    abstract: "Connect to a Temporal server and print its version, the namespace and their capabilities."
  )

  @OptionGroup var connection: ConnectionFlags

  func run() async throws {
    let options = try self.connection.connectionOptions()
    var logger = Logger(label: "gaffer.ping")
    logger.logLevel = .critical  // ping speaks for itself; failures are printed below
    do {
      let report = try await TemporalConnection.withConnection(options, logger: logger) { connection in
        PingReport(connection: connection)
      }
      print(report.text)
    } catch let error as ConnectionError {
      Self.printError("gaffer ping: \(error.message)")
      throw ExitCode(1)
    }
  }

  static func printError(_ line: String) {
    // write(2) rather than fputs(stderr): the C global is not concurrency-safe in Swift 6.
    var bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
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
