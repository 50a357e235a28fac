import NIOCore
import NIOEmbedded
import Testing

@testable import GafferCore

@Suite struct ServerPingResponderTests {
  static func frame(type: UInt8, flags: UInt8 = 0, stream: UInt32 = 0, payload: [UInt8]) -> [UInt8] {
    let length = payload.count
    return [UInt8(length >> 16), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF), type, flags]
      + [UInt8(stream >> 24), UInt8(stream >> 16 & 0xFF), UInt8(stream >> 8 & 0xFF), UInt8(stream & 0xFF)] + payload
  }

  static let settings = frame(type: 4, payload: [0, 3, 0, 0, 0, 100])
  static let ping = frame(type: 6, payload: [1, 2, 3, 4, 5, 6, 7, 8])
  static let headers = frame(type: 1, flags: 4, stream: 1, payload: Array(repeating: 0xAB, count: 20))
  static let ourPingsAck = frame(type: 6, flags: 1, payload: [8, 7, 6, 5, 4, 3, 2, 1])
  static let data = frame(type: 0, flags: 1, stream: 1, payload: (0..<100).map { UInt8($0) })
  // A PING whose payload looks like a frame header must still be answered whole.
  static let trickyPing = frame(type: 6, payload: [0, 0, 8, 6, 0, 0, 0, 0])

  static let stream = settings + ping + headers + ourPingsAck + data + trickyPing + data
  static let expectedInbound = settings + headers + ourPingsAck + data + data
  static let expectedAcks = frame(type: 6, flags: 1, payload: [1, 2, 3, 4, 5, 6, 7, 8])
    + frame(type: 6, flags: 1, payload: [0, 0, 8, 6, 0, 0, 0, 0])

  /// Feeds the stream in chunks of `size` bytes; returns what went on
  /// inward and what was written back.
  func run(chunkSize size: Int) throws -> (inbound: [UInt8], outbound: [UInt8]) {
    let channel = EmbeddedChannel(handler: ServerPingResponder())
    var offset = 0
    while offset < Self.stream.count {
      let chunk = Array(Self.stream[offset..<min(offset + size, Self.stream.count)])
      try channel.writeInbound(ByteBuffer(bytes: chunk))
      offset += size
    }
    var inbound: [UInt8] = []
    while var buffer = try channel.readInbound(as: ByteBuffer.self) {
      inbound += buffer.readBytes(length: buffer.readableBytes) ?? []
    }
    var outbound: [UInt8] = []
    while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
      outbound += buffer.readBytes(length: buffer.readableBytes) ?? []
    }
    _ = try channel.finish()
    return (inbound, outbound)
  }

  @Test(arguments: [1, 2, 5, 9, 10, 17, 33, 64, 1000])
  func answersServerPingsAndPassesEverythingElse(chunkSize: Int) throws {
    let (inbound, outbound) = try self.run(chunkSize: chunkSize)
    #expect(inbound == Self.expectedInbound)
    #expect(outbound == Self.expectedAcks)
  }
}
