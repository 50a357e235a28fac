@testable import GafferCore
import Testing

@Suite("Worker lifecycle machine")
struct WorkerLifecycleTests {
  func running() -> WorkerLifecycle {
    var lifecycle = WorkerLifecycle()
    #expect(lifecycle.runStarted() == .none)
    #expect(lifecycle.state == .running)
    return lifecycle
  }

  @Test("pause and resume are reversible any number of times, and repeats are no-ops")
  func pauseResume() {
    var lifecycle = self.running()
    for _ in 0..<3 {
      #expect(lifecycle.pauseRequested() == .stopPolling)
      #expect(lifecycle.pauseRequested() == .none)
      #expect(lifecycle.state == .paused)
      #expect(lifecycle.resumeRequested() == .resumePolling)
      #expect(lifecycle.resumeRequested() == .none)
      #expect(lifecycle.state == .running)
    }
  }

  @Test("shutdown drains once; a second request forces it, once")
  func secondShutdownForces() {
    var lifecycle = self.running()
    #expect(lifecycle.shutdownRequested() == .beginDrain)
    #expect(lifecycle.state == .draining)
    #expect(lifecycle.isShuttingDown)
    #expect(lifecycle.shutdownRequested() == .forceRemaining)
    #expect(lifecycle.forced)
    #expect(lifecycle.shutdownRequested() == .none)
    #expect(lifecycle.gracePeriodEnded() == .none, "already cancelling")
    lifecycle.drained()
    #expect(lifecycle.state == .stopped)
    #expect(lifecycle.shutdownRequested() == .none)
  }

  @Test("the grace period ending cancels the rest without forcing; a later force bounds what is left, once")
  func graceEnds() {
    var lifecycle = self.running()
    _ = lifecycle.shutdownRequested()
    #expect(lifecycle.gracePeriodEnded() == .cancelRemaining)
    #expect(!lifecycle.forced, "reports after the grace period are still retried until their deadlines")
    #expect(lifecycle.forceShutdownRequested() == .forceRemaining)
    #expect(lifecycle.forceShutdownRequested() == .none)
  }

  @Test("force shutdown of a running worker drains and cancels at once")
  func forceFromRunning() {
    var lifecycle = self.running()
    #expect(lifecycle.forceShutdownRequested() == .beginDrainAndForce)
    #expect(lifecycle.cancelling)
    #expect(lifecycle.forced)
    #expect(lifecycle.shutdownRequested() == .none)
  }

  @Test("a paused worker can be shut down, and a draining one can't be paused or resumed")
  func pausedThenShutdown() {
    var lifecycle = self.running()
    _ = lifecycle.pauseRequested()
    #expect(lifecycle.shutdownRequested() == .beginDrain)
    guard case .rejected(let why) = lifecycle.pauseRequested() else {
      Issue.record("pause while draining must be rejected")
      return
    }
    #expect(why.contains("draining"))
    guard case .rejected = lifecycle.resumeRequested() else {
      Issue.record("resume while draining must be rejected")
      return
    }
  }

  @Test("a failure drains what runs, is final and keeps its reason")
  func failure() {
    var lifecycle = self.running()
    #expect(lifecycle.failureOccurred("namespace deleted") == .beginDrain)
    #expect(lifecycle.state == .failed("namespace deleted"))
    #expect(lifecycle.failureOccurred("again") == .none)
    #expect(lifecycle.shutdownRequested() == .none)
    lifecycle.drained()
    #expect(lifecycle.state == .failed("namespace deleted"))
    #expect(lifecycle.isShuttingDown)
  }

  @Test("a failure while draining keeps draining")
  func failureWhileDraining() {
    var lifecycle = self.running()
    _ = lifecycle.shutdownRequested()
    #expect(lifecycle.failureOccurred("credentials revoked") == .none)
    #expect(lifecycle.state == .failed("credentials revoked"))
  }
}
