/// Where the Temporal frontend listens: a host name or IP literal and a port.
public struct ServerAddress: Hashable, Sendable, CustomStringConvertible {
  /// The port the Temporal frontend uses unless told otherwise.
  public static let defaultPort = 7233

  public var host: String
  public var port: Int

  public init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// Parses `host:port`, `host` (port 7233) or `[v6-literal]:port`.
  public init(parsing text: String) throws(ConnectionError) {
    let trimmed = text.trimmingSpaces()
    func invalid(_ why: String) -> ConnectionError {
      ConnectionError(
        code: .invalidAddress,
        message: "Can't use '\(text)' as a server address: \(why). Use host:port, for example 127.0.0.1:7233."
      )
    }
    guard !trimmed.isEmpty else { throw invalid("it is empty") }

    let hostPart: Substring
    let portPart: Substring?
    if trimmed.hasPrefix("[") {
      guard let close = trimmed.firstIndex(of: "]") else { throw invalid("the IPv6 literal has no closing ']'") }
      hostPart = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
      let rest = trimmed[trimmed.index(after: close)...]
      if rest.isEmpty {
        portPart = nil
      } else if rest.hasPrefix(":") {
        portPart = rest.dropFirst()
      } else {
        throw invalid("only ':port' may follow the IPv6 literal")
      }
    } else {
      let pieces = trimmed.split(separator: ":", omittingEmptySubsequences: false)
      switch pieces.count {
      case 1:
        hostPart = pieces[0]
        portPart = nil
      case 2:
        hostPart = pieces[0]
        portPart = pieces[1]
      default:
        throw invalid("write an IPv6 address in brackets, like [::1]:7233")
      }
    }
    guard !hostPart.isEmpty else { throw invalid("the host is missing") }
    guard !hostPart.contains(where: { $0 == " " || $0 == "/" }) else {
      throw invalid("the host may not contain spaces or '/' (leave out any scheme such as http://)")
    }

    var port = Self.defaultPort
    if let portPart {
      guard let parsed = Int(portPart), (1...65535).contains(parsed) else {
        throw invalid("the port must be a number from 1 to 65535")
      }
      port = parsed
    }
    self.init(host: String(hostPart), port: port)
  }

  public var description: String {
    self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
  }
}

extension String {
  fileprivate func trimmingSpaces() -> Substring {
    var slice = self[...]
    while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
    while slice.last?.isWhitespace == true { slice = slice.dropLast() }
    return slice
  }
}
