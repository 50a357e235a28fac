public import GafferCore

/// The contract's activities: `noop` echoes its text, `sleep_ms` sleeps and
/// returns its milliseconds, `heartbeat_ms` does the same heartbeating
/// every 10 ms.
public enum ContractActivities {
  public static let all = [
    Activity("noop") { (_, text: String) in text },
    Activity("sleep_ms") { (_, milliseconds: Int) in
      try await Task.sleep(for: .milliseconds(milliseconds))
      return milliseconds
    },
    Activity("heartbeat_ms") { (context, milliseconds: Int) in
      for step in 0..<(milliseconds / 10) {
        try await Task.sleep(for: .milliseconds(10))
        context.heartbeat(step + 1)
      }
      return milliseconds
    },
  ]
}
