import Foundation
import Testing

/// The proto subset in proto/ is hand-written; these tests prove it speaks
/// the real protocol by comparing it, field by field, with the official
/// descriptors shipped in the Python SDK (scripts/check-proto-conformance).
@Suite("proto/ matches the official Temporal API")
struct ProtoConformanceTests {
  static let script = PackagePaths.root.appendingPathComponent("scripts/check-proto-conformance")

  static func check(_ directory: URL) async throws -> ProcessResult {
    try await ProcessResult.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, directory.path])
  }

  @Test("every message, field, enum value and RPC in proto/ has its official name, number, type and label")
  func protoTreeConforms() async throws {
    let result = try await Self.check(PackagePaths.root.appendingPathComponent("proto"))
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let summary = try #require(result.stdout.split(separator: "\n").last.map(String.init))
    print(summary)
    #expect(summary.hasSuffix("; 0 mismatches"))
    #expect(!summary.contains(" 0 fields"))
  }

  @Test("the check catches a wrong field number, type, label and enum value, naming each")
  func checkCatchesMistakes() async throws {
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent("gaffer-proto-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: PackagePaths.root.appendingPathComponent("proto"), to: copy)
    defer { try? FileManager.default.removeItem(at: copy) }

    func edit(_ relativePath: String, _ from: String, _ to: String) throws {
      let file = copy.appendingPathComponent(relativePath)
      let text = try String(contentsOf: file, encoding: .utf8)
      try #require(text.contains(from), "\(relativePath) no longer contains '\(from)'")
      try text.replacingOccurrences(of: from, with: to).write(to: file, atomically: true, encoding: .utf8)
    }
    try edit("temporal/api/common/v1/message.proto", "string run_id = 2;", "string run_id = 3;")
    try edit("temporal/api/common/v1/message.proto", "bytes data = 2;", "string data = 2;")
    try edit("temporal/api/common/v1/message.proto", "repeated string non_retryable_error_types", "string non_retryable_error_types")
    try edit("temporal/api/enums/v1/enums.proto", "TASK_QUEUE_KIND_STICKY = 2;", "TASK_QUEUE_KIND_STICKY = 4;")

    let result = try await Self.check(copy)
    #expect(result.status == 1)
    let mismatches = result.stdout.split(separator: "\n").filter { $0.hasPrefix("MISMATCH") }
    #expect(mismatches.count == 4, "\(result.stdout)")
    #expect(mismatches.contains { $0.contains("WorkflowExecution.run_id: number is 3, official is 2") })
    #expect(mismatches.contains { $0.contains("Payload.data: type is 'string', official is 'bytes'") })
    #expect(mismatches.contains { $0.contains("non_retryable_error_types: label is 'singular', official is 'repeated'") })
    #expect(mismatches.contains { $0.contains("TASK_QUEUE_KIND_STICKY: number is 4, official is 2") })
  }
}
