import Foundation
import GafferCore
import GafferTUI
import Testing

@Suite("The keymap")
struct KeyMapTests {
  typealias F = SnapshotFixtures
  let size = TerminalSize(columns: 100, rows: 30)

  func press(_ keys: [Key], on snapshot: WorkerSnapshot = F.base(), state: inout ConsoleState) -> [ConsoleEffect] {
    var effects: [ConsoleEffect] = []
    for key in keys {
      state.observe(snapshot, size: self.size)
      effects += state.handle(.key(key), live: snapshot, size: self.size)
    }
    return effects
  }

  @Test("every documented key sends its command or changes the view", arguments: [
    (Key.character("p"), WorkerLifecycleState.running, [ConsoleEffect.send(.pause)]),
    (.character("p"), .paused, [.send(.resume)]),
    (.character("+"), .running, [.send(.setMaxConcurrentActivities(21))]),
    (.character("-"), .running, [.send(.setMaxConcurrentActivities(19))]),
    (.character("]"), .running, [.send(.setMaxConcurrentActivities(30))]),
    (.character("["), .running, [.send(.setMaxConcurrentActivities(10))]),
  ])
  func commands(key: Key, lifecycle: WorkerLifecycleState, expected: [ConsoleEffect]) {
    var state = ConsoleState()
    let snapshot = F.base(lifecycle: lifecycle)
    #expect(self.press([key], on: snapshot, state: &state) == expected)
  }

  @Test("- never goes below one slot and says why")
  func minimumSlots() {
    var state = ConsoleState()
    let snapshot = F.base(slots: SlotUsage(running: 1, maximum: 1))
    #expect(self.press([.character("-")], on: snapshot, state: &state).isEmpty)
    #expect(state.flash?.message.contains("minimum") == true)
  }

  @Test("S asks first; y begins the graceful shutdown, any other key cancels")
  func gracefulShutdown() {
    var state = ConsoleState()
    #expect(self.press([.character("S")], state: &state).isEmpty)
    #expect(state.mode == .confirm(.gracefulShutdown))
    #expect(self.press([.character("y")], state: &state) == [.send(.beginGracefulShutdown)])
    #expect(self.press([.character("S"), .character("n")], state: &state).isEmpty)
    #expect(state.mode == .main)
  }

  @Test("K always asks; q on a running worker asks and then drains it")
  func forceAndQuit() {
    var state = ConsoleState()
    #expect(self.press([.character("K"), .character("y")], state: &state) == [.send(.forceShutdown)])
    #expect(self.press([.character("q"), .escape], state: &state).isEmpty)
    #expect(self.press([.character("q"), .character("y")], state: &state) == [.send(.beginGracefulShutdown)])
  }

  @Test("an interrupt drains without asking; the second forces")
  func interrupts() {
    var state = ConsoleState()
    let snapshot = F.base()
    #expect(state.handle(.interrupt, live: snapshot, size: self.size) == [.send(.beginGracefulShutdown)])
    #expect(state.handle(.interrupt, live: snapshot, size: self.size) == [.send(.forceShutdown)])
  }

  @Test("j/k and arrows move the selection, s cycles the sort, g groups, z freezes, ? helps, Enter opens")
  func viewKeys() {
    var state = ConsoleState()
    let rows = state.rows(of: F.base())
    _ = self.press([.character("j"), .down], state: &state)
    #expect(state.selectedID == rows[2].id)
    _ = self.press([.character("k")], state: &state)
    #expect(state.selectedID == rows[1].id)
    _ = self.press([.end], state: &state)
    #expect(state.selectedID == rows.last?.id)
    _ = self.press([.home, .enter], state: &state)
    #expect(state.mode == .detail(activityID: rows[0].id))
    _ = self.press([.escape, .character("s")], state: &state)
    #expect(state.sort == .heartbeatAge)
    _ = self.press([.character("s"), .character("s")], state: &state)
    #expect(state.sort == .elapsed)
    _ = self.press([.character("g")], state: &state)
    #expect(state.grouped)
    _ = self.press([.character("z")], state: &state)
    #expect(state.frozen != nil)
    _ = self.press([.character("?")], state: &state)
    #expect(state.mode == .help)
    _ = self.press([.character("x")], state: &state)
    #expect(state.mode == .main)
  }

  @Test("/ edits a filter by type or workflow id; Enter applies, Esc clears it")
  func filter() {
    var state = ConsoleState()
    _ = self.press([.character("/")] + "email".map { Key.character($0) } + [.enter], state: &state)
    #expect(state.filter == "email")
    #expect(state.rows(of: F.base()).allSatisfy { $0.activityType == "send_email" })
    _ = self.press([.character("/"), .character("x"), .backspace, .escape], state: &state)
    #expect(state.filter == "email")
    _ = self.press([.escape], state: &state)
    #expect(state.filter.isEmpty)
  }

  @Test("selection follows its activity when the table reorders, and keeps its row when it finishes")
  func selectionFollows() {
    var state = ConsoleState()
    var snapshot = F.base()
    _ = self.press([.down, .down], on: snapshot, state: &state)
    let chosen = state.selectedID
    snapshot.activities.removeFirst()  // an older one finished: rows shift up
    state.observe(snapshot, size: self.size)
    #expect(state.selectedID == chosen)
    snapshot.activities.removeAll { $0.id == chosen }
    state.observe(snapshot, size: self.size)
    #expect(state.selectedID != nil && state.selectedID != chosen)
  }

  @Test("read-only drops every key that changes the worker, and says so")
  func readOnly() {
    var state = ConsoleState(readOnly: true)
    for key in ["p", "+", "-", "]", "[", "S", "K", "q"] {
      #expect(self.press([.character(Character(key))], state: &state).isEmpty, "key \(key)")
      #expect(state.mode == .main)
    }
    #expect(state.flash?.message.contains("Read-only") == true)
    let actions = KeyMap(readOnly: true).bindings.map(\.action)
    #expect(!actions.contains { $0.changesWorker })
    #expect(actions.contains(.toggleHelp))
  }

  @Test("the footer and the help come from the same table as dispatch")
  func oneTable() {
    let keyMap = KeyMap(readOnly: false)
    for binding in keyMap.hints(in: .main) {
      for key in binding.keys {
        #expect(keyMap.action(for: key, in: .main) == binding.action)
      }
    }
    #expect(keyMap.hints(in: .main).first?.action == .togglePause)
    #expect(keyMap.bindings.allSatisfy { $0.help != nil || $0.hint == nil })
  }
}
