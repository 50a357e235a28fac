import Foundation
import Logging

@testable import GafferControl

/// A console written by hand: sends whatever bytes a test wants and reads
/// the worker's messages one by one, each wait bounded.
final class RawPeer {
  let socket: UnixSocket
  private var frames = FrameBuffer(limit: ControlProtocol.maximumWorkerFrame)
  private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

  init(_ path: String) throws {
    self.socket = try UnixSocket.connect(to: path)
  }

  func send(_ message: ClientMessage) throws {
    guard self.socket.write(try ControlFrame.encode(message), timeoutMilliseconds: 2000) else { throw Closed() }
  }

  func sendRaw(_ bytes: [UInt8]) {
    _ = self.socket.write(bytes, timeoutMilliseconds: 2000)
  }

  /// A frame of `text`'s bytes, whatever they are.
  func sendFrame(_ text: String) {
    let body = Array(text.utf8)
    let length = UInt32(body.count)
    self.sendRaw([UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + body)
  }

  enum Next: Equatable {
    case message(WorkerMessage)
    case closed
  }

  /// The next message that is not a snapshot (or the next one at all), within 5 s.
  func next(skippingSnapshots: Bool = true) throws -> Next {
    let deadline = ContinuousClock.now + .seconds(5)
    while ContinuousClock.now < deadline {
      while let body = try self.frames.next() {
        let message = try ControlProtocol.decoder().decode(WorkerMessage.self, from: body)
        if skippingSnapshots, message.type == .snapshot { continue }
        return .message(message)
      }
      switch self.socket.read(into: &self.chunk, timeoutMilliseconds: 100) {
      case .timedOut: continue
      case .closed: return .closed
      case .bytes(let count): self.frames.append(self.chunk[0..<count])
      }
    }
    throw TimedOut()
  }

  func nextMessage(skippingSnapshots: Bool = true) throws -> WorkerMessage {
    guard case .message(let message) = try self.next(skippingSnapshots: skippingSnapshots) else {
      throw Closed()
    }
    return message
  }

  struct TimedOut: Error {}
  struct Closed: Error {}
}

/// A scratch directory for sockets; the path must stay under 108 bytes.
func scratchSocketPath() -> (directory: String, path: String) {
  let directory = "/tmp/gaffer-test-\(UUID().uuidString.prefix(8))"
  try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  return (directory, "\(directory)/w.sock")
}

let quietLogger: Logger = {
  var logger = Logger(label: "control-test")
  logger.logLevel = .critical
  return logger
}()
