internal import GRPCCore

/// Turns gRPC failures into `ConnectionError`s that name the address,
/// namespace or call involved and say what to try.
struct RPCErrorTranslator: Sendable {
  var address: ServerAddress
  var namespace: String
  var usesTLS: Bool

  func translate(_ error: any Error, rpc: String) -> any Error {
    if error is ConnectionError || error is CancellationError { return error }
    guard let rpcError = error as? RPCError else {
      return ConnectionError(
        code: .server, message: "\(rpc) to \(self.address) failed: \(error).", rpc: rpc, cause: error)
    }
    if rpcError.cause is CancellationError { return CancellationError() }
    let detail = Self.detail(of: rpcError)

    switch rpcError.code {
    case .unavailable:
      if self.usesTLS && Self.looksLikeTLSFailure(rpcError) {
        return ConnectionError(
          code: .tlsHandshakeFailed,
          message: "TLS handshake with \(self.address) failed (\(Self.chainText(of: rpcError).last ?? detail)). Check that the server speaks TLS on this port, the CA file trusts its certificate, and the client certificate and key match.",
          rpc: rpc, cause: rpcError)
      }
      return ConnectionError(
        code: .unreachable,
        message: "Nothing answered at \(self.address) (\(Self.networkReason(of: rpcError) ?? detail)). Check the address and that the Temporal server is running.",
        rpc: rpc, cause: rpcError)
    case .notFound where rpcError.message.lowercased().contains("namespace"):
      return ConnectionError(
        code: .namespaceNotFound,
        message: "Namespace '\(self.namespace)' is not found on \(self.address). Create it (temporal operator namespace create --namespace \(self.namespace)) or use an existing one.",
        rpc: rpc, cause: rpcError)
    case .notFound:
      return ConnectionError(
        code: .notFound,
        message: "\(rpc) on \(self.address): not found (\(detail)).",
        rpc: rpc, cause: rpcError)
    case .unauthenticated:
      return ConnectionError(
        code: .unauthenticated,
        message: "\(self.address) rejected our credentials on \(rpc) (\(detail)). Check the API key or the client certificate.",
        rpc: rpc, cause: rpcError)
    case .permissionDenied:
      return ConnectionError(
        code: .permissionDenied,
        message: "\(self.address) denied \(rpc) on namespace '\(self.namespace)' (\(detail)). The credentials lack permission for it.",
        rpc: rpc, cause: rpcError)
    case .deadlineExceeded:
      return ConnectionError(
        code: .deadlineExceeded,
        message: "\(rpc) to \(self.address) did not finish in time (\(detail)). The server may be overloaded or the network slow.",
        rpc: rpc, cause: rpcError)
    case .resourceExhausted:
      return ConnectionError(
        code: .resourceExhausted,
        message: "\(self.address) is shedding load and kept refusing \(rpc) (\(detail)). Retry later or lower the request rate.",
        rpc: rpc, cause: rpcError)
    case .unimplemented:
      return ConnectionError(
        code: .unimplemented,
        message: "\(self.address) does not implement \(rpc) (\(detail)); a newer server may.",
        rpc: rpc, cause: rpcError)
    case .internalError, .unknown, .aborted, .dataLoss, .outOfRange:
      let code: ConnectionError.Code =
        switch rpcError.code {
        case .internalError: .internalError
        case .aborted: .aborted
        case .dataLoss: .dataLoss
        case .outOfRange: .outOfRange
        default: .unknown
        }
      return ConnectionError(
        code: code,
        message: "\(rpc) to \(self.address) failed with \(rpcError.code): \(detail). Retried: it usually passes (a restarting server or a proxy answers this).",
        rpc: rpc, cause: rpcError)
    default:
      return ConnectionError(
        code: .server,
        message: "\(rpc) to \(self.address) failed with \(rpcError.code): \(detail).",
        rpc: rpc, cause: rpcError)
    }
  }

  /// While connecting, a call that runs out of time has usually found no
  /// server at all (a name that does not resolve, a dropped SYN), so it is
  /// reported as unreachable rather than as a slow server.
  func translateConnectFailure(_ error: any Error, rpc: String, timeout: Duration) -> any Error {
    let translated = self.translate(error, rpc: rpc)
    guard let connectionError = translated as? ConnectionError, connectionError.code == .deadlineExceeded else {
      return translated
    }
    return ConnectionError(
      code: .unreachable,
      message: "No answer from \(self.address) within \(timeout) while connecting (\(rpc)). Check that the host name resolves, the address is right and the Temporal server is running.",
      rpc: rpc, cause: connectionError.cause)
  }

  private static func detail(of error: RPCError) -> String {
    var text = error.message
    if let cause = error.cause {
      let causeText = String(describing: cause)
      if !text.contains(causeText) { text += text.isEmpty ? causeText : " — \(causeText)" }
    }
    return text.isEmpty ? "no details" : text
  }

  /// The socket-level reason for an UNAVAILABLE, in a few words, when the
  /// error chain holds one the operator will recognise.
  private static func networkReason(of error: RPCError) -> String? {
    let text = Self.chainText(of: error).joined(separator: " ").lowercased()
    let known: [(String, String)] = [
      ("connection refused", "connection refused"),
      ("no route to host", "no route to host"),
      ("network is unreachable", "network unreachable"),
      ("timed out", "connection timed out"),
      ("name or service not known", "host name not found"),
      ("nodename nor servname", "host name not found"),
      ("no address", "host name not found"),
      ("connection reset", "connection reset"),
    ]
    return known.first { text.contains($0.0) }?.1
  }

  private static func chainText(of error: RPCError) -> [String] {
    var texts = [error.message]
    var cause: (any Error)? = error.cause
    while let current = cause {
      texts.append(String(reflecting: current))
      cause = (current as? RPCError)?.cause
    }
    return texts
  }

  /// NIOSSL errors do not cross the transport as types we can match on, so
  /// this reads the error chain's text. Only what fails a handshake counts:
  /// a TLS connection that drops later (an unclean shutdown, a reset) says
  /// "SSL" or "TLS" too, and is a connection lost, not a handshake failure.
  private static func looksLikeTLSFailure(_ error: RPCError) -> Bool {
    let texts = Self.chainText(of: error).map { $0.lowercased() }
    let markers = [
      "handshake", "certificate", "wrong_version_number", "unknown ca", "unknown_ca", "validate", "hostname",
      "protocol_version", "no shared cipher",
    ]
    return texts.contains { text in markers.contains { text.contains($0) } }
  }
}
