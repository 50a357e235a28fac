internal import GafferCore
internal import Logging
internal import Foundation

/// One attached console, on its own thread: answers its hello, sends it
/// snapshots, carries out its commands, and ends with a goodbye when the
/// worker stops. Bad frames get an error reply and disturb nothing else.
final class ControlConnection: Sendable {
  private let socket: UnixSocket
  private let peer: PeerCredentials
  private let target: any ControlTarget
  private let logger: Logger
  private let snapshotInterval: Duration
  /// The exit code once the worker is stopping; nil while it runs.
  private let goodbye: @Sendable () -> Int?

  init(
    socket: UnixSocket, peer: PeerCredentials, target: any ControlTarget, logger: Logger, snapshotInterval: Duration,
    goodbye: @escaping @Sendable () -> Int?
  ) {
    self.socket = socket
    self.peer = peer
    self.target = target
    self.logger = logger
    self.snapshotInterval = snapshotInterval
    self.goodbye = goodbye
  }

  /// Who the journal names: the client's own word, then what the kernel says.
  private func requester(_ client: String?) -> String {
    "\(client ?? "control socket") (uid \(self.peer.uid), pid \(self.peer.pid))"
  }

  private enum Step {
    case goOn
    case close
  }

  func run() {
    var frames = FrameBuffer(limit: ControlProtocol.maximumClientFrame)
    var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    var session: Session?
    var nextSnapshot = ContinuousClock.now
    defer { self.socket.finish() }
    while true {
      if let exitCode = self.goodbye() {
        // The last word: how the worker ended (the drain panel finished),
        // not how it looked a quarter second before.
        if session?.wantsSnapshots == true {
          self.send(WorkerMessage(type: .snapshot, snapshot: self.target.snapshot()))
        }
        self.send(WorkerMessage(type: .goodbye, exitCode: exitCode))
        return
      }
      let now = ContinuousClock.now
      if let session, session.wantsSnapshots, now >= nextSnapshot {
        guard self.send(WorkerMessage(type: .snapshot, snapshot: self.target.snapshot())) else {
          self.logger.info("console dropped: it stopped reading", metadata: ["console": "\(session.requester)"])
          return
        }
        nextSnapshot = now + self.snapshotInterval
      }
      let wait = session?.wantsSnapshots == true ? max(nextSnapshot - ContinuousClock.now, .zero) : self.snapshotInterval
      switch self.socket.read(into: &chunk, timeoutMilliseconds: Self.milliseconds(wait)) {
      case .timedOut:
        continue
      case .closed:
        if let session {
          self.logger.log(
            level: session.wantsSnapshots ? .info : .debug, "console detached", metadata: ["console": "\(session.requester)"])
        }
        return
      case .bytes(let count):
        frames.append(chunk[0..<count])
      }
      do {
        while let body = try frames.next() {
          if case .close = self.handle(body, session: &session) { return }
        }
      } catch {
        self.send(WorkerMessage(type: .error, error: error.message))
        return
      }
    }
  }

  private static func milliseconds(_ duration: Duration) -> Int32 {
    let parts = duration.components
    return Int32(clamping: parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000)
  }

  private struct Session {
    let requester: String
    let wantsSnapshots: Bool
  }

  private func handle(_ body: Data, session: inout Session?) -> Step {
    let message: ClientMessage
    do {
      message = try ControlProtocol.decoder().decode(ClientMessage.self, from: body)
    } catch {
      // The id, if the frame has one, so a client waiting on it hears why.
      let id = (try? ControlProtocol.decoder().decode(MessageID.self, from: body))?.id
      self.send(
        WorkerMessage(
          type: .error, id: id,
          error: "not a control message (\(ControlDecodingError.describe(error))); see docs/control-socket.md"))
      return .goOn
    }
    switch message.type {
    case .hello:
      guard session == nil else {
        self.send(WorkerMessage(type: .error, error: "hello was already sent on this connection"))
        return .goOn
      }
      guard message.version == ControlProtocol.version else {
        let theirs = message.version.map { "version \($0)" } ?? "no version"
        self.send(
          WorkerMessage(
            type: .error,
            error: "this worker speaks control protocol version \(ControlProtocol.version), the console \(theirs); closing"))
        return .close
      }
      let started = Session(requester: self.requester(message.client), wantsSnapshots: message.snapshots ?? true)
      session = started
      let snapshot = self.target.snapshot()
      // A probe (`gaffer attach --list`) asks only who this is: not worth an info line.
      self.logger.log(
        level: started.wantsSnapshots ? .info : .debug, "console attached", metadata: ["console": "\(started.requester)"])
      self.send(
        WorkerMessage(
          type: .hello, version: ControlProtocol.version,
          worker: WorkerIdentity(
            pid: getpid(), identity: snapshot.identity, taskQueue: snapshot.taskQueue, namespace: snapshot.namespace,
            lifecycle: snapshot.lifecycle.name, startedAt: snapshot.startedAt)))
      return .goOn
    case .command:
      guard let session else {
        self.send(WorkerMessage(type: .error, id: message.id, error: "send hello (version \(ControlProtocol.version)) before commands"))
        return .goOn
      }
      guard let command = message.command else {
        self.send(
          WorkerMessage(
            type: .error, id: message.id,
            error: "a command message needs a command; the commands are \(WorkerCommand.names.joined(separator: ", "))"))
        return .goOn
      }
      // The reply carries the snapshot taken just after the command, so a
      // console's next key sees what this one changed (`+` twice is +2)
      // without waiting for the next scheduled snapshot.
      do {
        try self.target.send(command, from: session.requester)
        self.send(
          WorkerMessage(
            type: .reply, snapshot: session.wantsSnapshots ? self.target.snapshot() : nil, id: message.id, ok: true))
      } catch {
        self.send(
          WorkerMessage(
            type: .reply, snapshot: session.wantsSnapshots ? self.target.snapshot() : nil, id: message.id, ok: false,
            error: error.message))
      }
      return .goOn
    }
  }

  @discardableResult
  private func send(_ message: WorkerMessage) -> Bool {
    let frame: [UInt8]
    do {
      frame = try ControlFrame.encode(message)
    } catch {
      // A bug of ours, not the console's: say so, and leave the link up.
      self.logger.error("control socket: a message could not be encoded", metadata: ["error": "\(error)"])
      return true
    }
    return self.socket.write(frame, timeoutMilliseconds: 2000)
  }

  /// Just the `id` of a frame that is otherwise not a control message.
  private struct MessageID: Decodable {
    var id: Int?
  }
}
