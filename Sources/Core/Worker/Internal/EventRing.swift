/// The most recent `capacity` worker events, oldest dropped first.
struct EventRing: Sendable {
  let capacity: Int
  private var storage: [WorkerEvent] = []
  private var next = 0

  init(capacity: Int) {
    self.capacity = max(1, capacity)
    self.storage.reserveCapacity(self.capacity)
  }

  mutating func append(_ event: WorkerEvent) {
    if self.storage.count < self.capacity {
      self.storage.append(event)
    } else {
      self.storage[self.next] = event
    }
    self.next = (self.next + 1) % self.capacity
  }

  /// Oldest first.
  var events: [WorkerEvent] {
    guard self.storage.count == self.capacity else { return self.storage }
    return Array(self.storage[self.next...] + self.storage[..<self.next])
  }
}
