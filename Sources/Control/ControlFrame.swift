internal import Foundation

/// Length-prefixed frames: a 4-byte big-endian length, then the message.
enum ControlFrame {
  static func encode(_ message: some Encodable) throws -> [UInt8] {
    let body = try ControlProtocol.encoder().encode(message)
    let length = UInt32(body.count)
    return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
      + Array(body)
  }
}

/// Collects bytes as they arrive and cuts them into frames.
struct FrameBuffer {
  let limit: Int
  private var bytes: [UInt8] = []
  private var start = 0

  init(limit: Int) {
    self.limit = limit
  }

  enum FrameError: Error, Equatable {
    case tooLarge(length: Int, limit: Int)

    var message: String {
      switch self {
      case .tooLarge(let length, let limit):
        "a frame of \(length) bytes is over the limit of \(limit); closing"
      }
    }
  }

  mutating func append(_ chunk: ArraySlice<UInt8>) {
    if self.start > 0, self.start == self.bytes.count {
      self.bytes.removeAll(keepingCapacity: true)
      self.start = 0
    }
    self.bytes.append(contentsOf: chunk)
  }

  /// The next whole frame's body, nil until one has arrived.
  mutating func next() throws(FrameError) -> Data? {
    guard self.bytes.count - self.start >= 4 else { return nil }
    let header = self.bytes[self.start..<self.start + 4]
    let length = header.reduce(0) { $0 << 8 | Int($1) }
    guard length <= self.limit else { throw .tooLarge(length: length, limit: self.limit) }
    guard self.bytes.count - self.start - 4 >= length else { return nil }
    let body = Data(self.bytes[self.start + 4..<self.start + 4 + length])
    self.start += 4 + length
    if self.start > 1 << 16 {
      self.bytes.removeFirst(self.start)
      self.start = 0
    }
    return body
  }
}
