internal import Foundation
internal import Synchronization

/// The host's CPU and memory use, from 0 to 1, for worker heartbeats. CPU is
/// measured between two samples (/proc/stat), so the first sample says 0.
/// Off Linux both are 0.
final class HostUsage: Sendable {
  static let shared = HostUsage()

  private struct CPUTimes { var busy: UInt64; var total: UInt64 }
  private let previous = Mutex<CPUTimes?>(nil)

  func sample() -> (cpu: Float, memory: Float) {
    (self.cpuUsage(), Self.memoryUsage())
  }

  private func cpuUsage() -> Float {
    guard let now = Self.readCPUTimes() else { return 0 }
    return self.previous.withLock { previous in
      defer { previous = now }
      guard let before = previous, now.total > before.total else { return 0 }
      return Float(now.busy - before.busy) / Float(now.total - before.total)
    }
  }

  /// The first line of /proc/stat: user nice system idle iowait irq softirq steal.
  private static func readCPUTimes() -> CPUTimes? {
    guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
      let line = text.split(separator: "\n").first, line.hasPrefix("cpu ")
    else { return nil }
    let fields = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
    guard fields.count >= 4 else { return nil }
    let idle = fields[3] + (fields.count > 4 ? fields[4] : 0)
    let total = fields.prefix(8).reduce(0, +)
    return CPUTimes(busy: total - idle, total: total)
  }

  private static func memoryUsage() -> Float {
    guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return 0 }
    var values: [Substring: Double] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ", omittingEmptySubsequences: true)
      guard parts.count >= 2, let value = Double(parts[1]) else { continue }
      values[parts[0]] = value
    }
    guard let total = values["MemTotal:"], let available = values["MemAvailable:"], total > 0 else { return 0 }
    return Float((total - available) / total)
  }
}
