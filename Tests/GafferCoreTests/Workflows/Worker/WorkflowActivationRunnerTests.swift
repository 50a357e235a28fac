import Foundation
@testable import GafferCore
import Testing

@Suite("Workflow activation runner")
struct WorkflowActivationRunnerTests {
  @Test("code that returns gives its value, on a thread that is not one of Swift's cooperative ones")
  func returns() async throws {
    let runner = WorkflowActivationRunner(threads: 1)
    defer { runner.stop() }
    // The kernel's name for the calling thread (Linux).
    let name = try await runner.run {
      (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }
    #expect(name == "gaffer-workflow", "\(name)")
  }

  @Test("code that does not yield is reported as a potential deadlock while it still runs")
  func deadlock() async throws {
    let runner = WorkflowActivationRunner(threads: 1, deadlockTimeout: .milliseconds(50))
    defer { runner.stop() }
    let release = DispatchSemaphore(value: 0)
    let error = await #expect(throws: WorkflowActivationRunner.Deadlock.self) {
      try await runner.run { release.wait() }
    }
    // Only now, with the error in hand, does the blocked code go on.
    release.signal()
    #expect(error?.description.contains("potential deadlock") == true)
  }
}
