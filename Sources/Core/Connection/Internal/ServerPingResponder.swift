internal import NIOCore
internal import NIOHTTP2

/// Answers the server's HTTP/2 PINGs on the raw byte stream, before the
/// HTTP/2 layer sees them.
///
/// Why: a grpc-go server (Temporal's frontend) estimates the connection's
/// bandwidth-delay product by pinging the client whenever request data
/// arrives and its previous ping has been answered: under load that is a
/// ping for nearly every call. swift-nio-http2 1.46 counts each PING it
/// receives against a denial-of-service limit (200 per 30 s), which
/// grpc-swift-nio-transport 2.9 leaves at its default and does not expose,
/// and closes the connection with ENHANCE_YOUR_CALM once it is passed. A
/// worker making more than about 7 calls a second then lost its connection
/// every few hundred calls: every open poll and in-flight report failed at
/// once ("Stream unexpectedly closed"), and reports that the server had
/// already applied were retried and refused.
///
/// Answering here keeps server pings out of that count. The answer is what
/// the HTTP/2 layer would send: a PING with the ACK flag and the same 8
/// bytes. Our own keepalive pings' ACKs, and every other frame, pass
/// through unchanged.
final class ServerPingResponder: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer
  typealias OutboundOut = ByteBuffer

  static let frameHeaderLength = 9
  static let pingType: UInt8 = 6
  static let ackFlag: UInt8 = 1
  static let pingPayloadLength = 8

  /// Bytes of a frame header, or of a whole PING, that arrived split
  /// across reads and wait for the rest.
  private var pending: ByteBuffer?
  /// Bytes of the current (non-PING) frame still to pass on.
  private var passthrough = 0
  private var answeredSinceFlush = false

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var input = self.unwrapInboundIn(data)
    if var pending = self.pending {
      pending.writeBuffer(&input)
      input = pending
      self.pending = nil
    }
    while input.readableBytes > 0 {
      if self.passthrough > 0 {
        let length = min(self.passthrough, input.readableBytes)
        self.passthrough -= length
        context.fireChannelRead(self.wrapInboundOut(input.readSlice(length: length)!))
        continue
      }
      guard let header = Self.header(at: input) else {
        self.pending = input
        return
      }
      guard header.isUnansweredPing else {
        self.passthrough = Self.frameHeaderLength + header.length
        continue
      }
      guard input.readableBytes >= Self.frameHeaderLength + Self.pingPayloadLength else {
        self.pending = input
        return
      }
      input.moveReaderIndex(forwardBy: Self.frameHeaderLength)
      let payload = input.readSlice(length: Self.pingPayloadLength)!
      self.answer(payload, context: context)
    }
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    if self.answeredSinceFlush {
      self.answeredSinceFlush = false
      context.flush()
    }
    context.fireChannelReadComplete()
  }

  private func answer(_ payload: ByteBuffer, context: ChannelHandlerContext) {
    var frame = context.channel.allocator.buffer(capacity: Self.frameHeaderLength + Self.pingPayloadLength)
    frame.writeInteger(UInt8(0))
    frame.writeInteger(UInt16(Self.pingPayloadLength))
    frame.writeInteger(Self.pingType)
    frame.writeInteger(Self.ackFlag)
    frame.writeInteger(UInt32(0))  // stream 0: the connection
    frame.writeImmutableBuffer(payload)
    self.answeredSinceFlush = true
    context.write(self.wrapOutboundOut(frame), promise: nil)
  }

  private struct FrameHeader {
    let length: Int
    let type: UInt8
    let flags: UInt8
    let streamID: UInt32

    var isUnansweredPing: Bool {
      self.type == ServerPingResponder.pingType && self.flags & ServerPingResponder.ackFlag == 0
        && self.streamID == 0 && self.length == ServerPingResponder.pingPayloadLength
    }
  }

  private static func header(at buffer: ByteBuffer) -> FrameHeader? {
    guard buffer.readableBytes >= Self.frameHeaderLength else { return nil }
    let start = buffer.readerIndex
    let high = buffer.getInteger(at: start, as: UInt8.self)!
    let low = buffer.getInteger(at: start + 1, as: UInt16.self)!
    return FrameHeader(
      length: Int(high) << 16 | Int(low),
      type: buffer.getInteger(at: start + 3, as: UInt8.self)!,
      flags: buffer.getInteger(at: start + 4, as: UInt8.self)!,
      streamID: buffer.getInteger(at: start + 5, as: UInt32.self)! & 0x7FFF_FFFF)
  }
}

extension ServerPingResponder {
  /// Puts a responder in front of the connection's HTTP/2 handler (after
  /// TLS, when there is TLS). For `channelDebuggingCallbacks.onCreateTCPConnection`.
  @Sendable static func install(on channel: any Channel) -> EventLoopFuture<Void> {
    channel.eventLoop.submit {
      let pipeline = channel.pipeline.syncOperations
      let http2 = try pipeline.handler(type: NIOHTTP2Handler.self)
      try pipeline.addHandler(ServerPingResponder(), position: .before(http2))
    }
  }
}
