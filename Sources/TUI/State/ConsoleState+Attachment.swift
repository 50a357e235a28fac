internal import Foundation
internal import GafferCore

/// `q` on a console attached to a worker elsewhere: leaving never stops
/// the worker; draining it is a separate, explicit choice.
extension ConsoleState {
  /// Asks "detach or drain?" while there is a running worker to drain
  /// and the console may change it; otherwise detaches at once.
  mutating func detach(live: WorkerSnapshot) -> [ConsoleEffect] {
    switch live.lifecycle {
    case .running, .paused, .starting:
      guard !self.readOnly, self.attachment?.isLive == true else { return [.detach] }
      self.mode = .confirm(.detach)
      return []
    case .draining, .stopped, .failed:
      return [.detach]
    }
  }

  mutating func answerDetach(_ key: Key, now: Date) -> [ConsoleEffect] {
    switch key {
    case .character("d"), .character("q"), .character("y"):
      return [.detach]
    case .character("S"), .character("s"):
      self.say("Graceful shutdown begun: polling stopped, running activities finishing. q detaches.", .draining, now)
      return [.send(.beginGracefulShutdown)]
    default:
      self.say("Still attached: nothing was changed.", .dim, now)
      return []
    }
  }
}
