import Foundation
import Testing

@testable import GafferControl

@Suite("Where control sockets live")
struct ControlSocketPathTests {
  @Test("XDG_RUNTIME_DIR first, /tmp/gaffer-UID otherwise; a set path is used as given; off is off")
  func locations() {
    let xdg = ["XDG_RUNTIME_DIR": "/run/user/1000"]
    #expect(
      ControlSocketPath.forWorker(setting: nil, environment: xdg, pid: 42, uid: 1000)
        == .init(path: "/run/user/1000/gaffer/42.sock", isDefault: true))
    #expect(
      ControlSocketPath.forWorker(setting: nil, environment: [:], pid: 42, uid: 1000)
        == .init(path: "/tmp/gaffer-1000/42.sock", isDefault: true))
    #expect(
      ControlSocketPath.forWorker(setting: "/srv/w.sock", environment: xdg, pid: 42, uid: 1000)
        == .init(path: "/srv/w.sock", isDefault: false))
    #expect(ControlSocketPath.forWorker(setting: "off", environment: xdg, pid: 42, uid: 1000) == nil)
  }

  @Test("the socket directory is made owner-only, and one that is not a directory is refused")
  func directory() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("gaffer-path-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: base) }
    try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    try ControlSocketPath.prepareDirectory(of: "\(base)/own/1.sock")
    let mode = try #require(try FileManager.default.attributesOfItem(atPath: "\(base)/own")[.posixPermissions] as? Int)
    #expect(mode == 0o700)

    try FileManager.default.createSymbolicLink(atPath: "\(base)/link", withDestinationPath: "\(base)/own")
    let error = #expect(throws: ControlSocketError.self) { try ControlSocketPath.prepareDirectory(of: "\(base)/link/1.sock") }
    #expect(error?.message.contains("is not a directory") == true)

    let other = #expect(throws: ControlSocketError.self) {
      try ControlSocketPath.prepareDirectory(of: "\(base)/own/1.sock", uid: getuid() + 1)
    }
    #expect(other?.message.contains("belongs to uid \(getuid())") == true)
  }

  @Test("only the worker's own user is admitted")
  func credentials() {
    #expect(ControlServer.admits(PeerCredentials(pid: 7, uid: 1000), ownUID: 1000))
    #expect(!ControlServer.admits(PeerCredentials(pid: 7, uid: 0), ownUID: 1000))
    #expect(!ControlServer.admits(PeerCredentials(pid: 7, uid: 1001), ownUID: 1000))
  }
}
