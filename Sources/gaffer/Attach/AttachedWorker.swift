internal import Foundation
internal import GafferControl
internal import GafferCore
internal import GafferTUI
internal import Synchronization

/// The attached console's view of a worker elsewhere: its control
/// client while the link holds; when it breaks, the last snapshot stays on
/// screen and a reconnect is tried every second — at the same socket, or
/// (a service restarted under a new pid) at the one other worker of this
/// user on the same task queue and namespace.
final class AttachedWorker: ConsoleSubject {
  private let environment: [String: String]
  private let state: Mutex<State>
  private let reconnecting = Atomic<Bool>(false)

  private struct State {
    var client: ControlClient
    /// The latest snapshot of any client so far: what stays on screen while the link is down.
    var last: WorkerSnapshot
    var closed = false
  }

  /// `first`: the client's first snapshot (a snapshot client has one once connected).
  init(client: ControlClient, first: WorkerSnapshot, environment: [String: String]) {
    self.environment = environment
    self.state = Mutex(State(client: client, last: first))
  }

  /// Tries to reconnect each second while the link is down; ends at `close()`.
  func keepReconnecting() async {
    while !self.state.withLock({ $0.closed }) {
      try? await Task.sleep(for: .seconds(1))
      let (client, closed) = self.state.withLock { ($0.client, $0.closed) }
      guard !closed, client.link != .attached else { continue }
      guard let next = self.reconnect(after: client) else { continue }
      let kept = self.state.withLock { state -> Bool in
        guard !state.closed else { return false }
        state.last = next.latest ?? state.client.latest ?? state.last
        state.client = next
        return true
      }
      if !kept { next.close() }
    }
  }

  private func reconnect(after client: ControlClient) -> ControlClient? {
    if let again = try? ControlClient(connectingTo: client.path, client: AttachCommand.clientName) { return again }
    let heir = ControlDiscovery.workers(environment: self.environment).filter {
      $0.path != client.path && $0.worker.taskQueue == client.worker.taskQueue
        && $0.worker.namespace == client.worker.namespace
    }
    guard heir.count == 1 else { return nil }
    return try? ControlClient(connectingTo: heir[0].path, client: AttachCommand.clientName)
  }

  func close() {
    let client = self.state.withLock { state in
      state.closed = true
      return state.client
    }
    client.close()
  }

  func currentSnapshot() -> WorkerSnapshot {
    self.state.withLock { state in
      if let latest = state.client.latest { state.last = latest }
      return state.last
    }
  }

  func perform(_ command: WorkerCommand) throws(ConsoleCommandRefusal) {
    let client = self.state.withLock { $0.client }
    guard client.link == .attached else {
      throw ConsoleCommandRefusal("Not attached: the command was not sent. q quits.")
    }
    let reply: ControlClient.Reply
    do {
      reply = try client.perform(command)
    } catch {
      throw ConsoleCommandRefusal("\(error.message.prefix(1).uppercased())\(error.message.dropFirst()).")
    }
    if let refusal = reply.error { throw ConsoleCommandRefusal(refusal) }
  }

  func takeRefusals() -> [String] {
    self.state.withLock { $0.client }.takeReplies().compactMap(\.error)
  }

  func currentAttachment() -> WorkerAttachment? {
    let client = self.state.withLock { $0.client }
    let link: WorkerAttachment.Link =
      switch client.link {
      case .attached: .attached
      case .exited(let code): .workerExited(code: code)
      case .lost(let reason): .lost(reason)
      }
    return WorkerAttachment(pid: client.worker.pid, socketPath: client.path, link: link)
  }
}
