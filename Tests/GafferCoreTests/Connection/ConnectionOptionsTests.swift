@testable import GafferCore
import GRPCCore
import Testing

@Suite("Connection options")
struct ConnectionOptionsTests {
  @Test("the API key travels as a bearer token, with the client headers")
  func headers() {
    var options = ConnectionOptions(namespace: "orders")
    options.apiKey = "s3cr3t"
    let metadata = TemporalConnection.metadata(for: options)
    #expect(Array(metadata[stringValues: "authorization"]) == ["Bearer s3cr3t"])
    #expect(Array(metadata[stringValues: "client-name"]) == [Gaffer.clientName])
    #expect(Array(metadata[stringValues: "client-version"]) == [Gaffer.version])
    #expect(Array(metadata[stringValues: "temporal-namespace"]) == ["orders"])
  }

  @Test("no API key, no authorization header")
  func noKeyNoHeader() {
    let metadata = TemporalConnection.metadata(for: ConnectionOptions())
    #expect(Array(metadata[stringValues: "authorization"]).isEmpty)
  }

  @Test("printing the options never shows the API key")
  func redactsTheKey() {
    var options = ConnectionOptions()
    options.apiKey = "s3cr3t"
    #expect(!options.description.contains("s3cr3t"))
    #expect(options.description.contains("<redacted>"))
  }

  @Test("the default identity is pid@hostname")
  func defaultIdentity() {
    let identity = ProcessIdentity.default
    let parts = identity.split(separator: "@")
    #expect(parts.count == 2)
    #expect(Int(parts[0]) != nil)
    #expect(!parts[1].isEmpty)
  }
}
