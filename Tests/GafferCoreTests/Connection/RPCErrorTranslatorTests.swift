@testable import GafferCore
import GRPCCore
import Testing

@Suite("Turning gRPC failures into messages an operator can act on")
struct RPCErrorTranslatorTests {
  let plaintext = RPCErrorTranslator(
    address: ServerAddress(host: "10.1.2.3", port: 7233), namespace: "orders", usesTLS: false)

  func translated(_ error: RPCError, by translator: RPCErrorTranslator? = nil) throws -> ConnectionError {
    try #require((translator ?? plaintext).translate(error, rpc: "DescribeNamespace") as? ConnectionError)
  }

  @Test("an unknown namespace is named, with the address and how to create it")
  func namespaceNotFound() throws {
    let error = try translated(RPCError(code: .notFound, message: "Namespace orders is not found."))
    #expect(error.code == .namespaceNotFound)
    #expect(error.message.contains("'orders'"))
    #expect(error.message.contains("10.1.2.3:7233"))
    #expect(error.message.contains("temporal operator namespace create"))
    #expect(error.rpc == "DescribeNamespace")
  }

  @Test("UNAVAILABLE says nothing answered at the address, with the socket's reason in a few words")
  func unreachable() throws {
    struct SocketError: Error, CustomStringConvertible {
      var description: String { "connection reset (error set): Connection refused (errno: 111)" }
    }
    let error = try translated(
      RPCError(code: .unavailable, message: "Channel is in a transient failure state", cause: SocketError()))
    #expect(error.code == .unreachable)
    #expect(error.message.hasPrefix("Nothing answered at 10.1.2.3:7233 (connection refused)."))
  }

  @Test("running out of time while connecting is reported as no answer, not as a slow server")
  func deadlineWhileConnecting() throws {
    let error = try #require(
      plaintext.translateConnectFailure(
        RPCError(code: .deadlineExceeded, message: "RPC timed out"), rpc: "GetSystemInfo", timeout: .seconds(2))
        as? ConnectionError)
    #expect(error.code == .unreachable)
    #expect(error.message.hasPrefix("No answer from 10.1.2.3:7233 within 2.0 seconds while connecting (GetSystemInfo)."))
  }

  @Test("with TLS on, an SSL failure in the cause chain is a handshake failure")
  func tlsHandshake() throws {
    let tls = RPCErrorTranslator(address: ServerAddress(host: "h", port: 1), namespace: "n", usesTLS: true)
    struct FakeSSLError: Error, CustomStringConvertible { var description: String { "handshakeFailed(WRONG_VERSION_NUMBER)" } }
    let error = try translated(RPCError(code: .unavailable, message: "closed", cause: FakeSSLError()), by: tls)
    #expect(error.code == .tlsHandshakeFailed)
    #expect(error.message.contains("TLS handshake with h:1 failed"))
  }

  @Test("with TLS on, a connection that drops after the handshake is unreachable, not a handshake failure")
  func droppedTLSConnection() throws {
    let tls = RPCErrorTranslator(address: ServerAddress(host: "h", port: 1), namespace: "n", usesTLS: true)
    struct UncleanShutdown: Error, CustomStringConvertible { var description: String { "NIOSSLError.uncleanShutdown" } }
    let error = try translated(
      RPCError(code: .unavailable, message: "The TLS connection was closed", cause: UncleanShutdown()), by: tls)
    #expect(error.code == .unreachable)
    #expect(error.isTransient)
  }

  @Test("INTERNAL, UNKNOWN, ABORTED, DATA_LOSS and OUT_OF_RANGE are transient, as sdk-core retries them; others are not")
  func transientStatuses() throws {
    let transient: [RPCError.Code] = [.internalError, .unknown, .aborted, .dataLoss, .outOfRange, .unavailable, .resourceExhausted, .deadlineExceeded]
    for code in transient {
      let error = try translated(RPCError(code: code, message: "try again"))
      #expect(error.isTransient, "\(code) should be transient")
      #expect(error.message.contains("try again"))
    }
    let permanent: [RPCError.Code] = [.invalidArgument, .failedPrecondition, .alreadyExists, .unimplemented, .permissionDenied]
    for code in permanent {
      #expect(!(try translated(RPCError(code: code, message: "no"))).isTransient, "\(code) is not transient")
    }
  }

  @Test("a cancelled call stays a cancellation, not a connection error")
  func cancellation() {
    let error = plaintext.translate(RPCError(code: .unknown, message: "", cause: CancellationError()), rpc: "PollActivityTaskQueue")
    #expect(error is CancellationError)
  }

  @Test("other statuses keep the status and the server's words")
  func otherStatuses() throws {
    let error = try translated(RPCError(code: .invalidArgument, message: "Context timeout is not set."))
    #expect(error.code == .server)
    #expect(error.message.contains("invalidArgument") || error.message.contains("invalid argument"))
    #expect(error.message.contains("Context timeout is not set."))
  }
}
