import Foundation
import GafferCore
import Testing

/// Gaffer's payloads must be byte-for-byte what the official Python SDK
/// writes, and readable by it: checked against the real SDK, not a copy of
/// its rules.
@Suite("Payloads match the official Python SDK")
struct PayloadInteropTests {
  struct Order: Codable {
    var orderID: Int
    var tags: [String]
    var note: String?
    enum CodingKeys: String, CodingKey {
      case orderID = "order_id"
      case tags
      case note
    }
  }

  struct Mixed: Codable {
    var b: Int
    var a: [Int]
  }

  struct WirePayload: Codable {
    var metadata: [String: String]
    var data: String
  }

  struct PythonReport: Codable {
    var encoded: [String: WirePayload]
    var decodedEqual: [String: Bool]
    enum CodingKeys: String, CodingKey {
      case encoded
      case decodedEqual = "decoded_equal"
    }
  }

  static func swiftPayloads() throws -> [String: Payload] {
    let converter = PayloadConverter.default
    return [
      "string": try converter.payload(for: "hi"),
      "int": try converter.payload(for: 42),
      "float": try converter.payload(for: 3.5),
      "bool": try converter.payload(for: true),
      "list": try converter.payload(for: [1, 2, 3]),
      "dict": try converter.payload(for: Mixed(b: 1, a: [1, 2])),
      "dataclass": try converter.payload(for: Order(orderID: 42, tags: ["x", "y"], note: "a/b")),
      "none": try converter.payload(for: String?.none),
    ]
  }

  static func wire(_ payload: Payload) -> WirePayload {
    WirePayload(
      metadata: payload.metadata.mapValues { $0.base64EncodedString() },
      data: payload.data.base64EncodedString())
  }

  @Test("each value encodes to the same bytes and metadata as in Python, and Python decodes ours back to its value")
  func sameBytesBothWays() async throws {
    let ours = try Self.swiftPayloads()
    let input = try JSONEncoder().encode(ours.mapValues(Self.wire))
    let script = PackagePaths.root.appendingPathComponent("Tests/IntegrationTests/Python/payload_interop.py")
    let result = try await ProcessResult.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path], input: input)
    try #require(result.status == 0, "payload_interop.py failed: \(result.stderr)")
    let report = try JSONDecoder().decode(PythonReport.self, from: Data(result.stdout.utf8))

    #expect(Set(report.encoded.keys) == Set(ours.keys))
    for (name, payload) in ours {
      let theirs = try #require(report.encoded[name])
      let wire = Self.wire(payload)
      #expect(wire.metadata == theirs.metadata, "\(name): metadata differs")
      #expect(
        wire.data == theirs.data,
        "\(name): ours \(String(decoding: payload.data, as: UTF8.self)) vs Python's \(String(decoding: Data(base64Encoded: theirs.data) ?? Data(), as: UTF8.self))"
      )
      #expect(report.decodedEqual[name] == true, "\(name): Python did not decode our payload to its value")
    }
  }
}
