internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// Where workers put their control sockets, and where `gaffer attach`
/// looks for them: `$XDG_RUNTIME_DIR/gaffer/<pid>.sock`, else
/// `/tmp/gaffer-<uid>/<pid>.sock`, unless `GAFFER_CONTROL_SOCKET` names a
/// path (or is `off`).
public enum ControlSocketPath {
  public static let variable = "GAFFER_CONTROL_SOCKET"

  /// What a worker should listen at, from `GAFFER_CONTROL_SOCKET`'s value
  /// (`setting`); nil when it is `off`.
  public static func forWorker(
    setting: String?, environment: [String: String], pid: Int32? = nil, uid: UInt32? = nil
  ) -> Location? {
    switch setting?.trimmingCharacters(in: .whitespaces) {
    case "off"?:
      return nil
    case let path? where !path.isEmpty:
      return Location(path: path, isDefault: false)
    default:
      let directory = self.directories(environment: environment, uid: uid)[0]
      return Location(path: "\(directory)/\(pid ?? getpid()).sock", isDefault: true)
    }
  }

  public struct Location: Hashable, Sendable {
    public var path: String
    /// In Gaffer's own directory, which the worker creates and checks;
    /// a path the operator chose is used as given.
    public var isDefault: Bool
  }

  /// Where this user's workers' sockets are, most likely first.
  public static func directories(environment: [String: String], uid: UInt32? = nil) -> [String] {
    var directories: [String] = []
    if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { directories.append("\(runtime)/gaffer") }
    directories.append("/tmp/gaffer-\(uid ?? getuid())")
    return directories
  }

  /// Creates Gaffer's socket directory if it is missing (only its owner
  /// may enter), and refuses one another user owns: in /tmp, someone could
  /// have made it first to catch the socket. Only for default locations;
  /// a path the operator chose may sit in any directory they can write.
  public static func prepareDirectory(of socketPath: String, uid: UInt32? = nil) throws(ControlSocketError) {
    let directory = (socketPath as NSString).deletingLastPathComponent
    guard !directory.isEmpty else { return }
    if mkdir(directory, 0o700) != 0, errno != EEXIST {
      throw ControlSocketError.errno("can't create the control socket's directory \(directory)")
    }
    var info = stat()
    guard lstat(directory, &info) == 0 else {
      throw ControlSocketError.errno("can't read the control socket's directory \(directory)")
    }
    guard (info.st_mode & S_IFMT) == S_IFDIR else {
      throw ControlSocketError("\(directory) is not a directory (a symbolic link?); the control socket needs one")
    }
    let uid = uid ?? getuid()
    guard info.st_uid == uid else {
      throw ControlSocketError(
        "\(directory) belongs to uid \(info.st_uid), not to this worker's uid \(uid); remove it or set \(Self.variable)")
    }
    // 0700 exactly: a umask may have taken the owner's bits from mkdir's mode.
    if info.st_mode & 0o777 != 0o700, chmod(directory, 0o700) != 0 {
      throw ControlSocketError.errno("can't make \(directory) owner-only")
    }
  }

  /// Socket files in the usual directories, newest first.
  public static func candidates(environment: [String: String], uid: UInt32? = nil) -> [String] {
    var found: [(path: String, modified: Date)] = []
    for directory in self.directories(environment: environment, uid: uid) {
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
      for name in names where name.hasSuffix(".sock") {
        let path = "\(directory)/\(name)"
        guard UnixSocket.isSocketFile(path) else { continue }
        let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
        found.append((path, modified))
      }
    }
    return found.sorted { $0.modified > $1.modified }.map(\.path)
  }
}
