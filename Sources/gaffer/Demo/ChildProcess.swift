internal import Foundation
internal import Synchronization

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A helper process the demo starts and must stop: the dev server, the
/// Python driver. Each runs in its own process group, so the Ctrl-C meant
/// for the console does not kill the server under a draining worker, and
/// stopping it stops its children too. Output goes to a log file.
///
/// Whatever ends the demo — SIGKILL included — the child's group ends with
/// it: a watchdog (a tiny shell, in a group of its own, deaf to terminal
/// signals) holds one end of a socket pair whose other end only the demo
/// has; when the demo dies the kernel closes it, the watchdog reads EOF and
/// stops the group (SIGTERM, then SIGKILL after 5 s). Not PR_SET_PDEATHSIG:
/// that fires when the spawning *thread* exits, and the demo spawns from
/// Swift's pool threads.
final class ChildProcess: Sendable {
  let name: String
  let pid: pid_t
  let logPath: String
  private let watchdog: pid_t
  /// The demo's end of the watchdog's socket pair: held open for the demo's life.
  private let lifeline: Int32
  private let dismissed = Atomic<Bool>(false)

  /// Starts `arguments[0]` (looked up on PATH) with the given environment additions.
  init(name: String, arguments: [String], environment extra: [String: String] = [:], logPath: String) throws {
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&fileActions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&fileActions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    posix_spawnattr_setpgroup(&attributes, 0)
    // The parent ignores or blocks some signals; the child starts clean.
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)

    var environment = ProcessInfo.processInfo.environment
    environment.merge(extra) { $1 }
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let status = posix_spawnp(&pid, arguments[0], &fileActions, &attributes, argv, envp)
    guard status == 0 else {
      throw DemoError("could not start \(name) (\(arguments[0])): \(String(cString: strerror(status)))")
    }
    do {
      (self.watchdog, self.lifeline) = try Self.startWatchdog(for: pid, attributes: &attributes)
    } catch {
      kill(-pid, SIGKILL)
      var reaped: Int32 = 0
      waitpid(pid, &reaped, 0)
      throw error
    }
    self.name = name
    self.pid = pid
    self.logPath = logPath
  }

  /// Waits for EOF on stdin (the demo is gone, or let go), then stops the
  /// process group named by $1. (No `--` before "-$1": dash's kill takes none.)
  static let watchdogScript = """
    trap '' INT HUP TERM QUIT PIPE
    while read -r _; do :; done
    kill -TERM "-$1" 2>/dev/null || exit 0
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
      sleep 0.2
      kill -0 "-$1" 2>/dev/null || exit 0
    done
    kill -KILL "-$1" 2>/dev/null
    exit 0
    """

  private static func startWatchdog(
    for child: pid_t, attributes: inout posix_spawnattr_t
  ) throws -> (pid: pid_t, lifeline: Int32) {
    var ends: [Int32] = [-1, -1]
    // A socket pair, made close-on-exec in the same call: no child inherits
    // the demo's end (it would hold the line open after the demo died);
    // dup2 onto stdin clears the flag for the watchdog's end.
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
      throw DemoError("could not make a socket pair for the watchdog: \(String(cString: strerror(errno)))")
    }
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    posix_spawn_file_actions_adddup2(&fileActions, ends[0], 0)
    posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
    let arguments = ["/bin/sh", "-c", Self.watchdogScript, "gaffer-demo-watchdog", "\(child)"]
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, "/bin/sh", &fileActions, &attributes, argv, environ)
    close(ends[0])
    guard status == 0 else {
      close(ends[1])
      throw DemoError("could not start the watchdog for pid \(child): \(String(cString: strerror(status)))")
    }
    return (pid, ends[1])
  }

  /// True while the process has not exited (reaps it if it has).
  var isRunning: Bool {
    var status: Int32 = 0
    return waitpid(self.pid, &status, WNOHANG) == 0
  }

  /// SIGTERM to the group, then SIGKILL if it is still there after
  /// `grace`; then the watchdog, no longer needed, goes too.
  func stop(grace: Duration = .seconds(5)) {
    defer { self.dismissWatchdog() }
    guard self.isRunning else { return }
    kill(-self.pid, SIGTERM)
    let deadline = ContinuousClock.now + grace
    while ContinuousClock.now < deadline {
      if !self.isRunning { return }
      usleep(50_000)
    }
    kill(-self.pid, SIGKILL)
    var status: Int32 = 0
    waitpid(self.pid, &status, 0)
  }

  private func dismissWatchdog() {
    guard self.dismissed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    else { return }
    kill(self.watchdog, SIGKILL)
    var status: Int32 = 0
    waitpid(self.watchdog, &status, 0)
    close(self.lifeline)
  }

  /// The last lines of its log, for error messages.
  func logTail(lines: Int = 5) -> String {
    guard let text = try? String(contentsOfFile: self.logPath, encoding: .utf8) else { return "" }
    return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
  }
}

/// Something the demo can't do, said in one line; exits 2.
struct DemoError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// The full path of `command` on PATH, or nil.
func findOnPath(_ command: String) -> String? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  for directory in path.split(separator: ":") {
    let candidate = "\(directory)/\(command)"
    if access(candidate, X_OK) == 0 { return candidate }
  }
  return nil
}

/// A TCP port on 127.0.0.1 that nothing listens on right now.
func freeLoopbackPort() throws -> Int {
  let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard socket >= 0 else { throw DemoError("could not open a socket to find a free port") }
  defer { close(socket) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = 0
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafeMutablePointer(to: &address) { pointer in
    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
  }
  guard bound else { throw DemoError("could not bind a loopback port") }
  return Int(UInt16(bigEndian: address.sin_port))
}
