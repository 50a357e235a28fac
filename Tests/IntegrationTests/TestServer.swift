import Foundation
@testable import GafferCore
import Testing

/// The dev server the integration tests talk to: `TEMPORAL_ADDRESS`, which
/// scripts/test and .ci/run always set. Without it (a plain `swift test` on a
/// laptop) the server tests are skipped with that reason; under CI a missing
/// address fails instead, so CI can never pass by skipping them.
enum TestServer {
  static var address: String? {
    guard let value = ProcessInfo.processInfo.environment["TEMPORAL_ADDRESS"], !value.isEmpty else { return nil }
    return value
  }

  static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

  static var available: Bool { address != nil || isCI }

  static let skipReason: Comment = "TEMPORAL_ADDRESS is unset: run scripts/test, or scripts/dev-server start and export it"

  static func options(namespace: String = "default") throws -> ConnectionOptions {
    let address = try #require(address, "TEMPORAL_ADDRESS must be set when CI is set")
    var options = ConnectionOptions(address: try ServerAddress(parsing: address), namespace: namespace)
    options.connectTimeout = .seconds(10)
    return options
  }

  /// A task queue no other test uses, so tests never take each other's tasks.
  static func uniqueTaskQueue(_ purpose: String) -> String {
    "gaffer-test-\(purpose)-\(UUID().uuidString.prefix(8).lowercased())"
  }

  /// A loopback port with nothing listening on it.
  static func closedPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #expect(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    try #require(bound == 0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    // Closing without listening leaves the port refusing connections.
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
