internal import GRPCCore
internal import GRPCNIOTransportHTTP2Posix
internal import GRPCProtobuf
internal import SwiftProtobuf

/// One unary call made on the transport's stream directly, in the calling
/// task.
///
/// Why not `GRPCClient.unary`: for every call it starts a task pair to race
/// the deadline (one of them a `Task.sleep`), and a third task that writes
/// the request, each one a hop between the event loop and the cooperative
/// pool. A unary exchange needs none of them: the request goes out in one
/// write, the response parts are read in order, and the deadline is kept by
/// the connection's `CallDeadlines`, which fails the stream if it passes.
/// The server learns the deadline from the `grpc-timeout` header, as
/// before; a server that stops answering altogether is also found by the
/// connection's keepalive. grpc-swift still owns the connection: name
/// resolution, TLS, reconnects and the queue of calls waiting for it.
enum UnaryExchange {
  typealias Transport = HTTP2ClientTransport.Posix

  static func call<RPC: UnaryRPC>(
    _ rpc: RPC.Type,
    _ request: RPC.Input,
    on transport: Transport,
    deadlines: CallDeadlines,
    metadata: Metadata,
    options: CallOptions
  ) async throws -> RPC.Output {
    var metadata = metadata
    if let timeout = options.timeout {
      metadata.replaceOrAddString(GRPCTimeout.headerValue(for: timeout), forKey: GRPCTimeout.headerName)
    }
    let body: Transport.Bytes = try ProtobufSerializer<RPC.Input>().serialize(request)
    return try await transport.withStream(descriptor: RPC.descriptor, options: options) { stream, _ in
      guard let timeout = options.timeout else {
        return try await Self.exchange(RPC.self, metadata: metadata, body: body, on: stream)
      }
      let deadline = deadlines.register(stream.outbound, timeout: timeout)
      defer { deadlines.remove(deadline) }
      do {
        return try await Self.exchange(RPC.self, metadata: metadata, body: body, on: stream)
      } catch let error as RPCError where deadline.hasPassed {
        // The transport reports a stream failed from our side as UNAVAILABLE.
        throw RPCError(code: .deadlineExceeded, message: "RPC timed out before completing", cause: error)
      }
    }
  }

  private static func exchange<RPC: UnaryRPC>(
    _ rpc: RPC.Type,
    metadata: Metadata,
    body: Transport.Bytes,
    on stream: RPCStream<Transport.Inbound, Transport.Outbound>
  ) async throws -> RPC.Output {
    try await stream.outbound.write(contentsOf: [.metadata(metadata), .message(body)])
    await stream.outbound.finish()
    return try await Self.response(RPC.self, from: stream.inbound)
  }

  /// The response message, or the call's failure as grpc-swift's client
  /// would report it.
  private static func response<RPC: UnaryRPC>(
    _ rpc: RPC.Type,
    from inbound: RPCAsyncSequence<RPCResponsePart<Transport.Bytes>, any Error>
  ) async throws -> RPC.Output {
    var message: Transport.Bytes?
    do {
      for try await part in inbound {
        switch part {
        case .metadata:
          continue
        case .message(let bytes):
          guard message == nil else {
            throw RPCError(code: .internalError, message: "The server sent more than one message in a unary response.")
          }
          message = bytes
        case .status(let status, let trailers):
          if let error = RPCError(status: status, metadata: trailers) { throw error }
          guard let message else {
            throw RPCError(code: .internalError, message: "The server ended a unary response without its message.")
          }
          return try ProtobufDeserializer<RPC.Output>().deserialize(message)
        }
      }
    } catch let error as RPCError {
      throw error
    } catch {
      if Task.isCancelled { throw CancellationError() }
      throw RPCError(code: .unknown, message: "The transport failed the call.", cause: error)
    }
    if Task.isCancelled { throw CancellationError() }
    throw RPCError(code: .internalError, message: "The stream ended before the server sent a status.")
  }
}
