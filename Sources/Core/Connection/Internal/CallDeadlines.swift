internal import GRPCCore
internal import GRPCNIOTransportHTTP2Posix
internal import Synchronization

/// The deadlines of a connection's calls in flight, enforced by one sweep
/// a few times a second instead of one timer per call.
///
/// Why: a timer per call, armed and cancelled from the caller's thread,
/// wakes the event loop twice per call; measured on 200 × `chain(10)`, that
/// was about a fifth of the worker's CPU per workflow task. A call registers its
/// deadline (a lock and a dictionary insert) and removes it when it ends;
/// the sweep fails the stream of every call whose deadline has passed, at
/// most `resolution` late. The server enforces the same deadline from the
/// `grpc-timeout` header; this is for a server that cannot.
final class CallDeadlines: Sendable {
  typealias Outbound = HTTP2ClientTransport.Posix.Outbound

  /// How late a passed deadline may be noticed.
  static let resolution = Duration.milliseconds(250)

  /// One call's deadline; `hasPassed` once the sweep has failed its stream.
  final class Registration: Sendable {
    fileprivate let id: UInt64
    fileprivate let passed = Atomic(false)
    var hasPassed: Bool { self.passed.load(ordering: .acquiring) }

    fileprivate init(id: UInt64) { self.id = id }
  }

  private struct Entry {
    var deadline: ContinuousClock.Instant
    var outbound: Outbound
    var registration: Registration
  }

  private struct State {
    var nextID: UInt64 = 0
    var entries: [UInt64: Entry] = [:]
  }

  private let state = Mutex(State())

  func register(_ outbound: Outbound, timeout: Duration) -> Registration {
    let deadline = ContinuousClock.now + timeout
    return self.state.withLock { state in
      state.nextID &+= 1
      let registration = Registration(id: state.nextID)
      state.entries[registration.id] = Entry(deadline: deadline, outbound: outbound, registration: registration)
      return registration
    }
  }

  func remove(_ registration: Registration) {
    _ = self.state.withLock { $0.entries.removeValue(forKey: registration.id) }
  }

  /// Sweeps until cancelled.
  func run() async {
    while !Task.isCancelled {
      do {
        try await Task.sleep(for: Self.resolution)
      } catch {
        return
      }
      await self.failPassed(now: .now)
    }
  }

  /// Fails the stream of every call whose deadline is at or before `now`.
  private func failPassed(now: ContinuousClock.Instant) async {
    let passed = self.state.withLock { state in
      let passed = state.entries.values.filter { $0.deadline <= now }
      for entry in passed { state.entries.removeValue(forKey: entry.registration.id) }
      return passed
    }
    for entry in passed {
      entry.registration.passed.store(true, ordering: .releasing)
      await entry.outbound.finish(throwing: RPCError(code: .deadlineExceeded, message: "RPC timed out before completing"))
    }
  }
}
