@testable import GafferCore
import GRPCNIOTransportHTTP2Posix
import Testing

@Suite("Building the transport")
struct TransportFactoryTests {
  @Test("IP literals get IP targets, so TLS never offers an IP as the server name; host names use DNS")
  func targets() {
    #expect(TransportFactory.target(for: ServerAddress(host: "10.0.0.5", port: 7233)) is ResolvableTargets.IPv4)
    #expect(TransportFactory.target(for: ServerAddress(host: "::1", port: 7233)) is ResolvableTargets.IPv6)
    #expect(TransportFactory.target(for: ServerAddress(host: "temporal.internal", port: 7233)) is ResolvableTargets.DNS)
  }

  @Test("a missing CA file is reported by its path before any connection is tried")
  func missingCAFile() {
    let path = "/nonexistent/gaffer-test-ca.pem"
    #expect {
      try TransportFactory.transportSecurity(for: TLSOptions(caCertificatePath: path))
    } throws: { error in
      guard let error = error as? ConnectionError else { return false }
      return error.code == .tlsFileUnreadable && error.message.contains(path) && error.message.contains("CA certificate")
    }
  }

  @Test("a missing client key is reported by its path")
  func missingKeyFile() {
    #expect {
      try TransportFactory.transportSecurity(
        for: TLSOptions(clientCertificatePath: "/dev/null", clientKeyPath: "/nonexistent/key.pem"))
    } throws: { error in
      (error as? ConnectionError)?.message.contains("/nonexistent/key.pem") == true
    }
  }

  @Test("a client certificate without its key is refused")
  func certificateWithoutKey() {
    #expect {
      try TransportFactory.transportSecurity(for: TLSOptions(clientCertificatePath: "/dev/null"))
    } throws: { error in
      (error as? ConnectionError)?.message.contains("without its key") == true
    }
  }
}
