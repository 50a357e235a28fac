internal import Synchronization

/// Events for the console's thread from elsewhere (signals, a service
/// group shutting down), taken once per frame.
final class ConsoleInbox: Sendable {
  private let events = Mutex<[ConsoleEvent]>([])

  func post(_ event: ConsoleEvent) {
    self.events.withLock { $0.append(event) }
  }

  func take() -> [ConsoleEvent] {
    self.events.withLock { events in
      defer { events.removeAll() }
      return events
    }
  }
}
