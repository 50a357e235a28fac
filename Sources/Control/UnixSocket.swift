internal import Foundation
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#endif

/// One Unix domain stream socket: the control socket's listener, a
/// worker's end of an attached console, or the console's end. Blocking
/// calls with `poll` bounds, so every wait ends; nothing here runs on
/// Swift's cooperative pool (the control socket has threads of its own).
final class UnixSocket: @unchecked Sendable {
  // @unchecked: `fd` never changes after init; close() is called once by
  // its owner, after the threads that read and write have stopped.
  let fd: Int32

  private init(fd: Int32) {
    self.fd = fd
  }

  deinit {
    if self.fd >= 0 { _ = Glibc.close(self.fd) }
  }

  /// Listens at `path`, owner-only. A socket file left by a process that
  /// died is replaced; one a live process still listens on is an error.
  static func listen(at path: String, backlog: Int32 = 16) throws(ControlSocketError) -> UnixSocket {
    var address = try Self.address(path)
    if Self.isSocketFile(path) {
      switch Result(catching: { () throws(ControlSocketError) in try Self.connect(to: path) }) {
      case .success:
        throw ControlSocketError("\(path) is in use: another process listens on it")
      case .failure(let error) where error.refused:
        // Nobody listens: a killed worker's file.
        unlink(path)
      case .failure(let error):
        throw ControlSocketError("\(path) exists and is not a stale socket this worker may replace (\(error.message))")
      }
    }
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw ControlSocketError.errno("can't create a socket for \(path)") }
    let socket = UnixSocket(fd: fd)
    // Not owner-only by umask (it is the whole process's, and other threads
    // create files too): chmod right after bind. In Gaffer's own directory
    // (0700) nobody else can reach the socket meanwhile; anywhere, a peer
    // of another uid is refused by its credentials.
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard bound == 0 else { throw ControlSocketError.errno("can't listen at \(path)") }
    guard chmod(path, 0o600) == 0, Glibc.listen(fd, backlog) == 0 else {
      let error = ControlSocketError.errno("can't listen at \(path)")
      unlink(path)
      throw error
    }
    return socket
  }

  static func connect(to path: String) throws(ControlSocketError) -> UnixSocket {
    var address = try Self.address(path)
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw ControlSocketError.errno("can't create a socket for \(path)") }
    let socket = UnixSocket(fd: fd)
    // Non-blocking, so that a listener whose backlog is full (a frozen
    // worker) answers EAGAIN at once instead of holding the caller.
    let flags = fcntl(fd, F_GETFL)
    _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard connected == 0 else {
      let code = errno
      if code == EAGAIN {
        throw ControlSocketError("can't connect to \(path): its worker is not accepting connections (frozen or overloaded?)")
      }
      var error = ControlSocketError.errno("can't connect to \(path)")
      error.refused = code == ECONNREFUSED || code == ENOENT
      throw error
    }
    _ = fcntl(fd, F_SETFL, flags)
    return socket
  }

  /// The next connection, or nil when the wait ended first (or `wake`
  /// became readable: how the listener's owner interrupts it).
  func accept(wake: Int32) -> UnixSocket? {
    var fds = [pollfd(fd: self.fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
    guard poll(&fds, 2, -1) > 0, fds[1].revents == 0, fds[0].revents & Int16(POLLIN) != 0 else { return nil }
    let fd = Glibc.accept(self.fd, nil, nil)
    guard fd >= 0 else {
      // Out of descriptors: the listener stays readable, so wait a little
      // rather than spin.
      if errno == EMFILE || errno == ENFILE { usleep(100_000) }
      return nil
    }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    return UnixSocket(fd: fd)
  }

  /// Who is at the other end, as the kernel saw them connect.
  func peerCredentials() -> PeerCredentials? {
    var credentials = PeerCredentialsLayout()
    var length = socklen_t(MemoryLayout<PeerCredentialsLayout>.size)
    guard getsockopt(self.fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return nil }
    return PeerCredentials(pid: credentials.pid, uid: credentials.uid)
  }

  enum ReadResult {
    case bytes(Int)
    case timedOut
    /// The peer closed its end, or the socket failed.
    case closed
  }

  /// Reads what is there, waiting at most `timeoutMilliseconds` (-1: no bound).
  func read(into buffer: inout [UInt8], timeoutMilliseconds: Int32) -> ReadResult {
    var fds = [pollfd(fd: self.fd, events: Int16(POLLIN), revents: 0)]
    let ready = poll(&fds, 1, timeoutMilliseconds)
    if ready == 0 { return .timedOut }
    if ready < 0 { return errno == EINTR ? .timedOut : .closed }
    let count = buffer.withUnsafeMutableBytes { Glibc.recv(self.fd, $0.baseAddress, $0.count, 0) }
    if count > 0 { return .bytes(count) }
    if count < 0, errno == EINTR || errno == EAGAIN { return .timedOut }
    return .closed
  }

  /// Writes all of `bytes`, or fails when the peer has gone or has not
  /// taken any of them for `timeoutMilliseconds` (a console that stopped
  /// reading must not hold the worker's side forever).
  func write(_ bytes: [UInt8], timeoutMilliseconds: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
      var fds = [pollfd(fd: self.fd, events: Int16(POLLOUT), revents: 0)]
      let ready = poll(&fds, 1, timeoutMilliseconds)
      if ready < 0, errno == EINTR { continue }
      guard ready > 0 else { return false }
      // MSG_DONTWAIT: POLLOUT means some room, not room for all of a
      // snapshot; a blocking send would then wait without the bound.
      let sent = bytes.withUnsafeBytes {
        Glibc.send(self.fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
      }
      if sent < 0, errno == EINTR || errno == EAGAIN { continue }
      guard sent > 0 else { return false }
      offset += sent
    }
    return true
  }

  /// Ends both directions now; the peer reads end-of-file.
  func shutdown() {
    _ = Glibc.shutdown(self.fd, Int32(SHUT_RDWR))
  }

  /// Ends the conversation so that the peer reads what was sent last: stop
  /// writing, then take (and drop) what the peer still sends, for at most
  /// a second. Closing with unread input would reset the connection, and
  /// the peer would see ECONNRESET instead of the last message.
  func finish() {
    _ = Glibc.shutdown(self.fd, Int32(SHUT_WR))
    var discard = [UInt8](repeating: 0, count: 4096)
    let deadline = ContinuousClock.now + .seconds(1)
    while ContinuousClock.now < deadline {
      switch self.read(into: &discard, timeoutMilliseconds: 100) {
      case .closed: return
      case .bytes, .timedOut: continue
      }
    }
  }

  static func isSocketFile(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFSOCK
  }

  private static func address(_ path: String) throws(ControlSocketError) -> sockaddr_un {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    let bytes = Array(path.utf8)
    guard !bytes.isEmpty, bytes.count < capacity else {
      throw ControlSocketError(
        "control socket path '\(path)' is \(bytes.count) bytes; a Unix socket path must be 1 to \(capacity - 1)")
    }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: bytes)
      raw[bytes.count] = 0
    }
    return address
  }
}

/// Linux's `struct ucred` (pid, uid, gid), which Glibc's module hides
/// behind _GNU_SOURCE.
private struct PeerCredentialsLayout {
  var pid: Int32 = 0
  var uid: UInt32 = 0
  var gid: UInt32 = 0
}

/// The process at the other end of a Unix socket.
public struct PeerCredentials: Hashable, Sendable {
  public var pid: Int32
  public var uid: UInt32

  public init(pid: Int32, uid: UInt32) {
    self.pid = pid
    self.uid = uid
  }
}
