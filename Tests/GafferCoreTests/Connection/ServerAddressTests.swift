import GafferCore
import Testing

@Suite("Server addresses")
struct ServerAddressTests {
  @Test("host:port, a bare host and a bracketed IPv6 literal all parse")
  func parsesTheUsualForms() throws {
    #expect(try ServerAddress(parsing: "127.0.0.1:7233") == ServerAddress(host: "127.0.0.1", port: 7233))
    #expect(try ServerAddress(parsing: " temporal.internal:443 ") == ServerAddress(host: "temporal.internal", port: 443))
    #expect(try ServerAddress(parsing: "localhost") == ServerAddress(host: "localhost", port: 7233))
    #expect(try ServerAddress(parsing: "[::1]:7234") == ServerAddress(host: "::1", port: 7234))
    #expect(try ServerAddress(parsing: "[::1]") == ServerAddress(host: "::1", port: 7233))
  }

  @Test("an IPv6 host prints back in brackets")
  func printsIPv6InBrackets() {
    #expect(ServerAddress(host: "::1", port: 7233).description == "[::1]:7233")
    #expect(ServerAddress(host: "127.0.0.1", port: 80).description == "127.0.0.1:80")
  }

  @Test(
    "bad addresses are refused with a message naming the address and the rule",
    arguments: [
      ("", "it is empty"),
      ("host:0", "the port must be a number from 1 to 65535"),
      ("host:99999", "the port must be a number from 1 to 65535"),
      ("host:http", "the port must be a number from 1 to 65535"),
      (":7233", "the host is missing"),
      ("::1:7233", "write an IPv6 address in brackets"),
      ("[::1", "no closing ']'"),
      ("http://host:7233", "write an IPv6 address in brackets"),
      ("my host:7233", "may not contain spaces"),
    ])
  func refusesBadAddresses(text: String, reason: String) {
    #expect {
      try ServerAddress(parsing: text)
    } throws: { error in
      guard let error = error as? ConnectionError else { return false }
      return error.code == .invalidAddress && error.message.contains("'\(text)'") && error.message.contains(reason)
    }
  }
}
