public import GafferCore
internal import Foundation
internal import Synchronization

/// A console's end of a worker's control socket: the worker it belongs
/// to, its latest snapshot, the replies to commands, and whether the link
/// still holds. A thread of its own reads the socket.
public final class ControlClient: Sendable {
  public let path: String
  public let worker: WorkerIdentity
  private let socket: UnixSocket
  private let state = Mutex(State())
  /// Signalled whenever a reply arrives or the link ends: `perform` waits on it.
  private let replyArrived = NSCondition()

  private struct State {
    var latest: WorkerSnapshot?
    var link: Link = .attached
    var replies: [Reply] = []
    /// Replies `perform` is waiting for, by id, until it takes them.
    var awaited: [Int: Reply?] = [:]
    var nextID = 1
    var closing = false
  }

  public enum Link: Hashable, Sendable {
    case attached
    /// The worker said goodbye: it stopped, and its process exits with this code.
    case exited(code: Int)
    /// The socket closed (or failed) without a goodbye.
    case lost(String)
  }

  /// A command's outcome, or an error frame the worker sent.
  public struct Reply: Hashable, Sendable {
    public var id: Int?
    public var error: String?
  }

  /// Connects and says hello; returns once the worker has answered it
  /// (and, with `snapshots`, sent its first snapshot: `latest` is set).
  public init(
    connectingTo path: String, client: String, snapshots: Bool = true, timeout: Duration = .seconds(3)
  ) throws(ControlSocketError) {
    self.path = path
    let socket = try UnixSocket.connect(to: path)
    guard let hello = try? ControlFrame.encode(ClientMessage.hello(client: client, snapshots: snapshots)),
      socket.write(hello, timeoutMilliseconds: 2000)
    else { throw ControlSocketError("\(path) took no hello: the worker is not reading its control socket") }
    var frames = FrameBuffer(limit: ControlProtocol.maximumWorkerFrame)
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    let deadline = ContinuousClock.now + timeout
    func next() throws(ControlSocketError) -> WorkerMessage {
      while true {
        do {
          if let body = try frames.next() { return try ControlProtocol.decoder().decode(WorkerMessage.self, from: body) }
        } catch {
          throw ControlSocketError("\(path) answered with something other than a control message: \(error)")
        }
        guard ContinuousClock.now < deadline else {
          throw ControlSocketError("\(path) did not answer within \(timeout): is the worker stuck?")
        }
        switch socket.read(into: &chunk, timeoutMilliseconds: 100) {
        case .timedOut: continue
        case .closed: throw ControlSocketError("\(path) closed the connection before answering")
        case .bytes(let count): frames.append(chunk[0..<count])
        }
      }
    }
    let answer = try next()
    guard answer.type == .hello, let worker = answer.worker else {
      throw ControlSocketError("\(path): \(answer.error ?? "the worker did not say hello")")
    }
    // With snapshots, not before the first one: a console has something
    // to draw from its first frame on.
    var first: WorkerSnapshot?
    while snapshots, first == nil {
      let message = try next()
      if message.type == .error { throw ControlSocketError("\(path): \(message.error ?? "refused")") }
      first = message.snapshot
    }
    self.state.withLock { $0.latest = first }
    self.socket = socket
    self.worker = worker
    let remaining = frames
    let thread = Thread { [self] in self.readLoop(frames: remaining) }
    thread.name = "gaffer.attach.read"
    thread.start()
  }

  /// Nil only for a client that asked for no snapshots.
  public var latest: WorkerSnapshot? { self.state.withLock { $0.latest } }
  public var link: Link { self.state.withLock { $0.link } }

  /// Sends a command; its reply comes later through `takeReplies()`.
  @discardableResult
  public func send(_ command: WorkerCommand) throws(ControlSocketError) -> Int {
    try self.write(command, awaited: false)
  }

  /// Sends a command and waits (at most `timeout`) for its reply; by the
  /// time it returns, `latest` shows what the command changed.
  public func perform(_ command: WorkerCommand, timeout: Duration = .seconds(2)) throws(ControlSocketError) -> Reply {
    let id = try self.write(command, awaited: true)
    let deadline = Date().addingTimeInterval(Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
    self.replyArrived.lock()
    defer { self.replyArrived.unlock() }
    while true {
      let (reply, link) = self.state.withLock { state -> (Reply?, Link) in
        guard let reply = state.awaited[id] ?? nil else { return (nil, state.link) }
        state.awaited[id] = nil
        return (reply, state.link)
      }
      if let reply { return reply }
      guard link == .attached else {
        self.state.withLock { _ = $0.awaited.removeValue(forKey: id) }
        throw ControlSocketError("the command was sent, but the worker went away before it answered")
      }
      guard self.replyArrived.wait(until: deadline) else {
        self.state.withLock { _ = $0.awaited.removeValue(forKey: id) }
        throw ControlSocketError(
          "the command was sent, but the worker did not answer within \(timeout); it may still carry it out")
      }
    }
  }

  private func write(_ command: WorkerCommand, awaited: Bool) throws(ControlSocketError) -> Int {
    let id = self.state.withLock { state in
      defer { state.nextID += 1 }
      if awaited { state.awaited[state.nextID] = .some(nil) }
      return state.nextID
    }
    guard let frame = try? ControlFrame.encode(ClientMessage.command(command, id: id)),
      self.socket.write(frame, timeoutMilliseconds: 2000)
    else {
      self.state.withLock { _ = $0.awaited.removeValue(forKey: id) }
      throw ControlSocketError("not sent: the control socket is closed")
    }
    return id
  }

  /// The replies and errors that arrived since the last call.
  public func takeReplies() -> [Reply] {
    self.state.withLock { state in
      defer { state.replies.removeAll() }
      return state.replies
    }
  }

  /// Detaches: the worker goes on.
  public func close() {
    self.state.withLock { $0.closing = true }
    self.socket.shutdown()
  }

  private func readLoop(frames: FrameBuffer) {
    var frames = frames
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var ending: Link = .lost("no goodbye: killed or crashed?")
    reading: while true {
      do {
        while let body = try frames.next() {
          let message = try ControlProtocol.decoder().decode(WorkerMessage.self, from: body)
          if case .goodbye = message.type { ending = .exited(code: message.exitCode ?? 0) }
          self.take(message)
        }
      } catch {
        ending = .lost("the worker sent a frame this console can't read: \(error)")
        break reading
      }
      switch self.socket.read(into: &chunk, timeoutMilliseconds: 1000) {
      case .timedOut: continue
      case .closed: break reading
      case .bytes(let count): frames.append(chunk[0..<count])
      }
    }
    self.socket.shutdown()
    self.state.withLock { state in
      if case .attached = state.link { state.link = state.closing ? .lost("detached") : ending }
    }
    self.signalReplies()
  }

  private func signalReplies() {
    self.replyArrived.lock()
    self.replyArrived.broadcast()
    self.replyArrived.unlock()
  }

  private func take(_ message: WorkerMessage) {
    self.state.withLock { state in
      if let snapshot = message.snapshot { state.latest = snapshot }
      switch message.type {
      case .snapshot:
        break
      case .reply, .error:
        let reply = Reply(id: message.id, error: message.ok == true ? nil : message.error ?? "refused")
        if let id = message.id, state.awaited[id] != nil {
          state.awaited[id] = .some(reply)
        } else {
          state.replies.append(reply)
        }
      case .goodbye:
        state.link = .exited(code: message.exitCode ?? 0)
      case .hello:
        break
      }
    }
    if message.type == .reply || message.type == .error || message.type == .goodbye { self.signalReplies() }
  }
}
