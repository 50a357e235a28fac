internal import Foundation
internal import GafferCore

/// The demo's activities: one of each kind the console should show — quick
/// ones, long heartbeating ones with progress, ones that never heartbeat,
/// ones that fail and are retried, an occasional non-retryable failure, and
/// a blocking one that runs on the worker's thread pool.
enum DemoActivities {
  struct Customer: Codable, Sendable { var id: Int; var tier: String }
  struct Progress: Codable, Sendable { var done: Int; var total: Int }

  static let all: [Activity] = [
    // Quick: a lookup.
    Activity("lookup_customer") { (_, id: Int) -> Customer in
      try await Task.sleep(for: .milliseconds(Int.random(in: 50...400)))
      return Customer(id: id, tier: ["bronze", "silver", "gold"][id % 3])
    },
    // Long and heartbeating, with progress details the detail view shows.
    Activity("resize_images") { (context, images: Int) -> Int in
      for done in 1...max(images, 1) {
        try await Task.sleep(for: .milliseconds(Int.random(in: 500...1_200)))
        context.heartbeat(Progress(done: done, total: images))
      }
      return images
    },
    // Takes a few seconds and never heartbeats.
    Activity("send_email") { (_, to: String) -> String in
      try await Task.sleep(for: .milliseconds(Int.random(in: 2_000...6_000)))
      return "sent to \(to)"
    },
    // Fails on its first attempt about half the time; the retry succeeds.
    Activity("charge_card") { (context, cents: Int) -> Int in
      try await Task.sleep(for: .milliseconds(Int.random(in: 200...800)))
      if context.info.attempt == 1 && Bool.random() {
        throw ApplicationError("payment gateway timed out", type: "GatewayTimeout")
      }
      return cents
    },
    // Now and then an input no retry can fix.
    Activity("validate_address") { (_, address: String) -> String in
      try await Task.sleep(for: .milliseconds(Int.random(in: 100...300)))
      if Int.random(in: 0..<8) == 0 {
        throw ApplicationError("no such street: \(address)", type: "InvalidAddress", nonRetryable: true)
      }
      return address
    },
    // Blocks its thread, as C libraries and file I/O do.
    Activity.blocking("render_invoice_pdf") { (_, pages: Int) -> Int in
      Thread.sleep(forTimeInterval: Double(Int.random(in: 1_000...3_000)) / 1000)
      return pages
    },
  ]
}
