import Foundation
import GafferCore
import GafferTUI
import Testing

@Suite("An attached console's q and Ctrl-C")
struct ConsoleStateAttachmentTests {
  typealias F = SnapshotFixtures
  let size = TerminalSize(columns: 100, rows: 30)

  func attached(_ link: WorkerAttachment.Link = .attached, readOnly: Bool = false) -> ConsoleState {
    ConsoleState(readOnly: readOnly, attachment: WorkerAttachment(pid: 7, socketPath: "/tmp/gaffer-0/7.sock", link: link))
  }

  func press(_ keys: [Key], on snapshot: WorkerSnapshot = F.base(), state: inout ConsoleState) -> [ConsoleEffect] {
    keys.flatMap { key in
      state.observe(snapshot, size: self.size)
      return state.handle(.key(key), live: snapshot, size: self.size)
    }
  }

  @Test("q asks; d (or q, or y) detaches and sends nothing")
  func detach() {
    for answer in ["d", "q", "y"] {
      var state = self.attached()
      #expect(self.press([.character("q")], state: &state).isEmpty)
      #expect(state.mode == .confirm(.detach))
      #expect(self.press([.character(Character(answer))], state: &state) == [.detach])
    }
  }

  @Test("q then S drains the worker and stays attached to watch; another key stays and changes nothing")
  func drainOrStay() {
    var state = self.attached()
    #expect(self.press([.character("q"), .character("S")], state: &state) == [.send(.beginGracefulShutdown)])
    #expect(state.mode == .main && state.flash?.message.contains("q detaches") == true)
    #expect(self.press([.character("q"), .character("x")], state: &state).isEmpty)
    #expect(state.flash?.message == "Still attached: nothing was changed.")
  }

  @Test("read-only, lost, exited or draining: q detaches at once; the in-process q still asks to drain")
  func detachAtOnce() {
    var readOnly = self.attached(readOnly: true)
    #expect(self.press([.character("q")], state: &readOnly) == [.detach])
    var lost = self.attached(.lost("no goodbye"))
    #expect(self.press([.character("q")], state: &lost) == [.detach])
    var exited = self.attached(.workerExited(code: 0))
    #expect(self.press([.character("q")], on: F.base(lifecycle: .stopped, activities: []), state: &exited) == [.detach])
    var draining = self.attached()
    #expect(self.press([.character("q")], on: F.base(lifecycle: .draining), state: &draining) == [.detach])
    var local = ConsoleState()
    #expect(self.press([.character("q")], state: &local).isEmpty && local.mode == .confirm(.quit))
  }

  @Test("Ctrl-C detaches an attached console, and drains only an in-process one")
  func interrupt() {
    var state = self.attached()
    #expect(state.handle(.interrupt, live: F.base(), size: self.size) == [.detach])
    var local = ConsoleState()
    #expect(local.handle(.interrupt, live: F.base(), size: self.size) == [.send(.beginGracefulShutdown)])
  }

  @Test("read-only attached still refuses keys that change the worker, and says so")
  func readOnlyRefuses() {
    var state = self.attached(readOnly: true)
    #expect(self.press([.character("p"), .character("+"), .character("S")], state: &state).isEmpty)
    #expect(state.flash?.message == "Read-only console: S would change the worker.")
  }
}
