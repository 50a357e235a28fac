import Foundation
import GafferCore
import Testing

@testable import GafferControl

@Suite("The control socket, served")
struct ControlServerTests {
  private func withServer(
    interval: Duration = .milliseconds(50), _ body: (ControlServer, RecordingTarget, String) async throws -> Void
  ) async throws {
    let (directory, path) = scratchSocketPath()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let target = RecordingTarget()
    let server = try ControlServer(path: path, target: target, logger: quietLogger, snapshotInterval: interval)
    server.start()
    do {
      try await body(server, target, path)
    } catch {
      await server.stop(exitCode: 0)
      throw error
    }
    await server.stop(exitCode: 0)
  }

  @Test("hello, then snapshots; a command is carried out, journalled with the peer's uid and pid, and answered")
  func helloSnapshotsCommands() async throws {
    try await self.withServer { _, target, path in
      let peer = try RawPeer(path)
      try peer.send(.hello(client: "test console"))
      let hello = try peer.nextMessage()
      #expect(hello.type == .hello && hello.version == 1)
      #expect(hello.worker?.pid == getpid() && hello.worker?.taskQueue == "orders" && hello.worker?.lifecycle == "running")
      let snapshot = try peer.nextMessage(skippingSnapshots: false)
      #expect(snapshot.type == .snapshot && snapshot.snapshot == target.snapshot())

      try peer.send(.command(.setMaxConcurrentActivities(12), id: 7))
      let reply = try peer.nextMessage()
      #expect(reply.type == .reply && reply.id == 7 && reply.ok == true && reply.error == nil)
      #expect(reply.snapshot == target.snapshot(), "the reply carries the snapshot after the command")
      let (command, requester) = try #require(target.received.first)
      #expect(command == .setMaxConcurrentActivities(12))
      #expect(requester == "test console (uid \(getuid()), pid \(getpid()))")

      try peer.send(.command(.setMaxConcurrentActivities(0), id: 8))
      let refused = try peer.nextMessage()
      #expect(refused.type == .reply && refused.id == 8 && refused.ok == false)
      #expect(refused.error?.contains("the minimum is 1") == true)
    }
  }

  @Test("garbage, an unknown command and a command before hello get error replies; the connection goes on")
  func badFramesAreAnswered() async throws {
    try await self.withServer { _, target, path in
      let peer = try RawPeer(path)
      try peer.send(.command(.pause, id: 1))
      #expect(try peer.nextMessage().error?.contains("send hello (version 1) before commands") == true)
      try peer.send(.hello(client: "test"))
      #expect(try peer.nextMessage().type == .hello)

      peer.sendFrame("this is not json")
      let garbage = try peer.nextMessage()
      #expect(garbage.type == .error && garbage.error?.contains("not a control message (The given data was not valid JSON.)") == true, "\(garbage)")

      peer.sendFrame(#"{"type":"command","id":2,"command":{"command":"explode"}}"#)
      let unknown = try peer.nextMessage()
      #expect(unknown.type == .error && unknown.error?.contains("unknown command 'explode'") == true)
      #expect(unknown.id == 2, "the error names the frame's id, so a client waiting on it hears why")

      peer.sendFrame(#"{"type":"command","id":3}"#)
      #expect(try peer.nextMessage().error?.contains("a command message needs a command") == true)

      try peer.send(.command(.pause, id: 4))
      let reply = try peer.nextMessage()
      #expect(reply.type == .reply && reply.id == 4 && reply.ok == true)
      #expect(target.received.map(\.0) == [.pause])
    }
  }

  @Test("an oversized frame and a version mismatch are answered, then the connection is closed; others go on")
  func fatalFrames() async throws {
    try await self.withServer { server, _, path in
      let bystander = try RawPeer(path)
      try bystander.send(.hello(client: "bystander"))
      #expect(try bystander.nextMessage().type == .hello)

      let huge = try RawPeer(path)
      huge.sendRaw([0x7F, 0xFF, 0xFF, 0xFF])
      let tooLarge = try huge.nextMessage()
      #expect(tooLarge.type == .error && tooLarge.error?.contains("over the limit of 65536") == true)
      #expect(try huge.next() == .closed)

      let future = try RawPeer(path)
      peerSendVersion(future, 2)
      let mismatch = try future.nextMessage()
      #expect(mismatch.error?.contains("speaks control protocol version 1, the console version 2") == true)
      #expect(try future.next() == .closed)

      // The first console still gets snapshots.
      #expect(try bystander.nextMessage(skippingSnapshots: false).type == .snapshot)
      #expect(try bystander.nextMessage(skippingSnapshots: false).type == .snapshot)
      _ = server
    }
  }

  @Test("two consoles at once both get snapshots; stopping says goodbye with the exit code and removes the socket")
  func twoConsolesAndGoodbye() async throws {
    let (directory, path) = scratchSocketPath()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let target = RecordingTarget()
    let server = try ControlServer(path: path, target: target, logger: quietLogger, snapshotInterval: .milliseconds(50))
    server.start()
    let first = try ControlClient(connectingTo: path, client: "first")
    let second = try ControlClient(connectingTo: path, client: "second")
    #expect(first.worker.pid == getpid())
    target.setLifecycle(.draining)
    for client in [first, second] {
      try await eventually("\(client.path) sees the worker draining") { client.latest?.lifecycle == .draining }
    }
    await server.stop(exitCode: 3)
    for client in [first, second] {
      try await eventually("the console hears the goodbye") { client.link == .exited(code: 3) }
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test("a socket file left by a dead process is replaced; one a live worker listens on is refused")
  func staleAndLiveSockets() async throws {
    let (directory, path) = scratchSocketPath()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    do {
      // Listening and never closing the file leaves what a SIGKILL leaves.
      let abandoned = try UnixSocket.listen(at: path)
      abandoned.shutdown()
    }
    #expect(UnixSocket.isSocketFile(path))
    let server = try ControlServer(path: path, target: RecordingTarget(), logger: quietLogger)
    server.start()
    let error = #expect(throws: ControlSocketError.self) {
      try ControlServer(path: path, target: RecordingTarget(), logger: quietLogger)
    }
    #expect(error?.message == "\(path) is in use: another process listens on it")
    let client = try ControlClient(connectingTo: path, client: "after the stale one")
    #expect(client.worker.taskQueue == "orders")
    await server.stop(exitCode: 0)
  }

  @Test(
    "a peer of another user is refused by its credentials, even when the socket's mode would let it in",
    .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
      "needs root and setpriv to connect as another user"))
  func otherUserRefused() async throws {
    try await self.withServer { _, target, path in
      // Opened up so that only the credential check stands in the way.
      chmod((path as NSString).deletingLastPathComponent, 0o755)
      chmod(path, 0o666)
      let script = """
        import socket, struct, sys, json
        s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
        body = json.dumps({"type": "hello", "version": 1, "client": "intruder"}).encode()
        s.sendall(struct.pack(">I", len(body)) + body)
        data = b""
        while len(data) < 4 or len(data) < 4 + struct.unpack(">I", data[:4])[0]:
            chunk = s.recv(65536)
            if not chunk: break
            data += chunk
        print(json.loads(data[4:4 + struct.unpack(">I", data[:4])[0]])["error"])
        """
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
      process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", script, path]
      let output = Pipe()
      let errors = Pipe()
      process.standardOutput = output
      process.standardError = errors
      try process.run()
      process.waitUntilExit()
      let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(process.terminationStatus == 0, "\(stderr)")
      #expect(text.contains("refused: this worker runs as uid 0 and attaches only consoles of that user, not uid 65534"))
      #expect(target.received.isEmpty)
    }
  }
}

private func peerSendVersion(_ peer: RawPeer, _ version: Int) {
  peer.sendFrame(#"{"type":"hello","version":\#(version),"client":"from the future"}"#)
}

/// Waits until `condition` holds, checking every 10 ms, for at most 5 s.
func eventually(_ what: String, _ condition: () -> Bool) async throws {
  let deadline = ContinuousClock.now + .seconds(5)
  while !condition() {
    guard ContinuousClock.now < deadline else {
      Issue.record("timed out waiting until \(what)")
      return
    }
    try await Task.sleep(for: .milliseconds(10))
  }
}
