public import GafferCore
public import Logging
internal import Foundation
internal import Synchronization
#if canImport(Glibc)
internal import Glibc
#endif

/// Serves a worker on a Unix domain socket: every console attached gets
/// the worker's snapshot several times a second and may send commands.
/// Off the hot path: an accept thread (asleep in `poll` until someone
/// connects) and one thread per attached console, none on Swift's
/// cooperative pool; the worker itself never waits on a console.
public final class ControlServer: Sendable {
  public let path: String
  private let target: any ControlTarget
  private let logger: Logger
  private let snapshotInterval: Duration
  private let listener: UnixSocket
  private let ownUID: UInt32
  /// Written to by `stop()`: wakes the accept thread's `poll`.
  private let wakePipe: (read: Int32, write: Int32)
  private let state = Mutex(State())

  private struct State {
    var stopping = false
    var goodbyeExitCode: Int?
    var connections: [Int: ControlConnection] = [:]
    var nextConnection = 0
    var acceptThreadDone = false
  }

  /// Listens at `path` (creating nothing but the socket file itself).
  public init(
    path: String, target: any ControlTarget, logger: Logger,
    snapshotInterval: Duration = ControlProtocol.defaultSnapshotInterval
  ) throws(ControlSocketError) {
    self.path = path
    self.target = target
    self.logger = logger
    self.snapshotInterval = snapshotInterval
    self.ownUID = geteuid()
    self.listener = try UnixSocket.listen(at: path)
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else {
      unlink(path)
      throw ControlSocketError.errno("can't create the control socket's wake pipe")
    }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    self.wakePipe = (fds[0], fds[1])
  }

  /// Whether a peer may attach: only the worker's own user (root is
  /// another user too: file modes already keep others out, and this
  /// holds even if the socket's mode was changed).
  public static func admits(_ peer: PeerCredentials, ownUID: UInt32) -> Bool {
    peer.uid == ownUID
  }

  public func start() {
    let thread = Thread { [self] in
      self.acceptLoop()
      self.state.withLock { $0.acceptThreadDone = true }
    }
    thread.name = "gaffer.control.accept"
    thread.start()
    self.logger.info("control socket listening", metadata: ["control.socket": "\(self.path)"])
  }

  /// Says goodbye (with the process's exit code) to every console, closes
  /// them, removes the socket file, and returns once the threads are done
  /// (within a snapshot interval each, or six seconds for a console that
  /// has stopped reading: its last writes time out).
  public func stop(exitCode: Int) async {
    self.state.withLock { state in
      state.stopping = true
      state.goodbyeExitCode = exitCode
    }
    var byte: UInt8 = 1
    _ = Glibc.write(self.wakePipe.write, &byte, 1)
    unlink(self.path)
    let deadline = ContinuousClock.now + .seconds(6)
    while ContinuousClock.now < deadline, !self.state.withLock({ $0.acceptThreadDone && $0.connections.isEmpty }) {
      try? await Task.sleep(for: .milliseconds(10))
    }
    if self.state.withLock({ $0.acceptThreadDone }) {
      _ = Glibc.close(self.wakePipe.read)
      _ = Glibc.close(self.wakePipe.write)
    }
  }

  var attachedCount: Int { self.state.withLock { $0.connections.count } }

  private func acceptLoop() {
    while !self.state.withLock({ $0.stopping }) {
      guard let socket = self.listener.accept(wake: self.wakePipe.read) else { continue }
      guard let peer = socket.peerCredentials() else { continue }
      guard Self.admits(peer, ownUID: self.ownUID) else {
        self.logger.warning(
          "control socket: refused a peer of another user",
          metadata: ["peer.uid": "\(peer.uid)", "peer.pid": "\(peer.pid)"])
        let refusal = WorkerMessage(
          type: .error,
          error: "refused: this worker runs as uid \(self.ownUID) and attaches only consoles of that user, not uid \(peer.uid)")
        // On a thread of its own: finishing may wait for the peer a second.
        Thread {
          if let frame = try? ControlFrame.encode(refusal) { _ = socket.write(frame, timeoutMilliseconds: 1000) }
          socket.finish()
        }.start()
        continue
      }
      self.serve(socket, peer: peer)
    }
  }

  private func serve(_ socket: UnixSocket, peer: PeerCredentials) {
    let connection = ControlConnection(
      socket: socket, peer: peer, target: self.target, logger: self.logger, snapshotInterval: self.snapshotInterval,
      goodbye: { [self] in self.state.withLock { $0.goodbyeExitCode } })
    let id = self.state.withLock { state -> Int? in
      guard !state.stopping else { return nil }
      defer { state.nextConnection += 1 }
      state.connections[state.nextConnection] = connection
      return state.nextConnection
    }
    guard let id else { return }
    let thread = Thread { [self] in
      connection.run()
      self.state.withLock { _ = $0.connections.removeValue(forKey: id) }
    }
    thread.name = "gaffer.control.\(id)"
    thread.start()
  }
}
