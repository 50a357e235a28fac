internal import Foundation
internal import GafferControl

/// The table `gaffer attach` prints when it finds several workers.
enum AttachList {
  static func text(_ found: [ControlDiscovery.Found], now: Date) -> String {
    let header = ["PID", "TASK QUEUE", "NAMESPACE", "STATE", "UPTIME", "SOCKET"]
    let rows = found.map { entry -> [String] in
      let worker = entry.worker
      return [
        "\(worker.pid)", worker.taskQueue, worker.namespace, worker.lifecycle,
        worker.startedAt.map { Self.uptime(now.timeIntervalSince($0)) } ?? "-", entry.path,
      ]
    }
    let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    return ([header] + rows).map { row in
      row.enumerated().map { column, cell in
        column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }

  static func uptime(_ seconds: TimeInterval) -> String {
    let whole = max(Int(seconds), 0)
    if whole < 60 { return "\(whole)s" }
    if whole < 3600 { return "\(whole / 60)m\(whole % 60)s" }
    if whole < 86400 { return "\(whole / 3600)h\(whole % 3600 / 60)m" }
    return "\(whole / 86400)d\(whole % 86400 / 3600)h"
  }
}
