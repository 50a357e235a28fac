/// Where a worker is in its life: starting → running ⇄ paused → draining →
/// stopped | failed.
public enum WorkerLifecycleState: Hashable, Sendable, Codable, CustomStringConvertible {
  case starting
  case running
  /// Not polling; running activities go on.
  case paused
  /// Shutting down gracefully: no polling, in-flight activities finishing.
  case draining
  case stopped
  /// `run()` threw; the reason says why.
  case failed(String)

  /// The state without its reason: `failed` rather than `failed: …`.
  public var name: String {
    switch self {
    case .starting: "starting"
    case .running: "running"
    case .paused: "paused"
    case .draining: "draining"
    case .stopped: "stopped"
    case .failed: "failed"
    }
  }

  public var description: String {
    if case .failed(let reason) = self { return "failed: \(reason)" }
    return self.name
  }
}
