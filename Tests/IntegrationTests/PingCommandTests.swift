import Foundation
@testable import GafferCore
import Testing

@Suite("gaffer ping against a real dev server", .enabled(if: TestServer.available, TestServer.skipReason))
struct PingCommandTests {
  @Test("it prints the server version and the namespace id the server reports")
  func printsVersionAndNamespaceID() async throws {
    let options = try TestServer.options()
    let namespaceID = try await TemporalConnection.withConnection(options) { $0.namespaceInfo.id }

    let result = try await ProcessResult.run(PackagePaths.gafferBinary, ["ping", "--address", options.address.description])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("Server version") && $0.contains(" 1.32.") })
    #expect(lines.contains { $0.hasPrefix("Namespace id") && $0.hasSuffix(namespaceID) })
    #expect(lines.contains { $0.hasPrefix("Server capabilities") && $0.contains("sdk_metadata") })
  }

  @Test("TEMPORAL_ADDRESS is the default address")
  func readsTheEnvironment() async throws {
    let options = try TestServer.options()
    let result = try await ProcessResult.run(
      PackagePaths.gafferBinary, ["ping"], environment: ["TEMPORAL_ADDRESS": options.address.description])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.contains(options.address.description))
  }

  @Test("a wrong namespace exits 1 with one line naming it")
  func wrongNamespace() async throws {
    let options = try TestServer.options()
    let result = try await ProcessResult.run(
      PackagePaths.gafferBinary, ["ping", "--address", options.address.description, "--namespace", "nope-gaffer"])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.hasPrefix("gaffer ping: Namespace 'nope-gaffer' is not found") == true)
  }

  @Test("an address where nothing listens exits 1 with one line naming it")
  func nothingListening() async throws {
    let address = "127.0.0.1:\(try TestServer.closedPort())"
    let result = try await ProcessResult.run(
      PackagePaths.gafferBinary, ["ping", "--address", address, "--connect-timeout", "1"])
    #expect(result.status == 1)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.contains("Nothing answered at \(address)") == true)
  }

  @Test("a malformed address is refused before connecting")
  func malformedAddress() async throws {
    let result = try await ProcessResult.run(PackagePaths.gafferBinary, ["ping", "--address", "localhost:http"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("Can't use 'localhost:http' as a server address"))
  }
}
