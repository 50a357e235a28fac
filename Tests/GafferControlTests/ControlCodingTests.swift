import Foundation
import GafferCore
import Testing

@testable import GafferControl

@Suite("The control socket's messages")
struct ControlCodingTests {
  private func json(_ value: some Encodable) throws -> [String: Any] {
    let data = try ControlProtocol.encoder().encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test("a snapshot with every part filled in comes back equal")
  func snapshotRoundTrip() throws {
    let snapshot = ControlFixtures.snapshot(lifecycle: .failed("namespace 'x' not found"))
    let data = try ControlProtocol.encoder().encode(snapshot)
    #expect(try ControlProtocol.decoder().decode(WorkerSnapshot.self, from: data) == snapshot)
  }

  @Test("durations are seconds and dates are seconds since 1970, for tools in other languages")
  func durationsAndDatesAreNumbers() throws {
    let object = try self.json(ControlFixtures.snapshot())
    #expect(object["gracefulShutdownTimeout"] as? Double == 30)
    #expect(object["takenAt"] as? Double == 1_795_000_000)
    let latency = try #require(object["scheduleToStartLatency"] as? [String: Any])
    #expect(latency["p50"] as? Double == 0.012)
    let activity = try #require((object["activities"] as? [[String: Any]])?.first)
    #expect(activity["heartbeatTimeout"] as? Double == 1.5)
    #expect(activity["cancellation"] as? String == "cancel requested")
  }

  @Test("lifecycle and poller states have the shapes docs/control-socket.md gives")
  func enumShapes() throws {
    let running = try self.json(ControlFixtures.snapshot())
    #expect((running["lifecycle"] as? [String: Any])?.keys.sorted() == ["running"])
    let failed = try self.json(ControlFixtures.snapshot(lifecycle: .failed("gone")))
    #expect(((failed["lifecycle"] as? [String: Any])?["failed"] as? [String: Any])?["_0"] as? String == "gone")
    let pollers = try #require((running["activityPollers"] as? [String: Any])?["pollers"] as? [[String: Any]])
    #expect(pollers.map { $0.keys.sorted() } == [["polling"], ["waitingForSlot"], ["backingOff"]])
    #expect((pollers[2]["backingOff"] as? [String: Any])?["error"] as? String == "unavailable")
  }

  @Test("every command round-trips in its documented shape")
  func commands() throws {
    let commands: [WorkerCommand] = [
      .pause, .resume, .setMaxConcurrentActivities(8), .setActivityPollers(3), .beginGracefulShutdown,
      .forceShutdown, .cancelActivity(id: "run/1/1"), .pauseWorkflowPolling, .resumeWorkflowPolling,
      .setMaxConcurrentWorkflowTasks(4),
    ]
    #expect(commands.map(\.name) == WorkerCommand.names)
    for command in commands {
      let data = try ControlProtocol.encoder().encode(command)
      #expect(try ControlProtocol.decoder().decode(WorkerCommand.self, from: data) == command)
    }
    #expect(String(decoding: try ControlProtocol.encoder().encode(WorkerCommand.setMaxConcurrentActivities(8)), as: UTF8.self)
      == #"{"command":"setMaxConcurrentActivities","value":8}"#)
    #expect(String(decoding: try ControlProtocol.encoder().encode(WorkerCommand.cancelActivity(id: "r/1/1")), as: UTF8.self)
      == #"{"command":"cancelActivity","id":"r\/1\/1"}"#)
  }

  @Test("an unknown command is refused naming the known ones")
  func unknownCommand() {
    let error = #expect(throws: DecodingError.self) {
      try ControlProtocol.decoder().decode(WorkerCommand.self, from: Data(#"{"command":"explode"}"#.utf8))
    }
    let text = ControlDecodingError.describe(error!)
    #expect(text.contains("unknown command 'explode'") && text.contains("pause, resume, setMaxConcurrentActivities"))
  }

  @Test("frames are cut where their length says, however the bytes arrive")
  func framing() throws {
    let first = try ControlFrame.encode(ClientMessage.hello(client: "test"))
    let second = try ControlFrame.encode(ClientMessage.command(.pause, id: 1))
    let stream = first + second
    var buffer = FrameBuffer(limit: 1024)
    var bodies: [Data] = []
    for byte in stream {
      buffer.append([byte][...])
      while let body = try buffer.next() { bodies.append(body) }
    }
    #expect(bodies.count == 2)
    #expect(try ControlProtocol.decoder().decode(ClientMessage.self, from: bodies[1]) == .command(.pause, id: 1))
    #expect(first.count == 4 + bodies[0].count)
  }

  @Test("a frame over the limit is an error before its bytes are read")
  func oversizeFrame() {
    var buffer = FrameBuffer(limit: 1024)
    buffer.append([0x00, 0x10, 0x00, 0x00][...])
    #expect(throws: FrameBuffer.FrameError.tooLarge(length: 1 << 20, limit: 1024)) { try buffer.next() }
  }
}
