@testable import GafferCore
import Synchronization
import TemporalAPI
import Testing

@Suite("Connecting to a real dev server", .enabled(if: TestServer.available, TestServer.skipReason))
struct ConnectionIntegrationTests {
  @Test("connecting reads the server version and describes the namespace")
  func connectsAndDescribes() async throws {
    let options = try TestServer.options()
    let (server, namespace) = try await TemporalConnection.withConnection(options) { connection in
      (connection.serverInfo, connection.namespaceInfo)
    }
    #expect(server.version.hasPrefix("1.32."))
    #expect(server.capabilities.sdkMetadata)
    #expect(namespace.name == "default")
    #expect(namespace.state == .registered)
    // A namespace id is a UUID: 36 characters with 4 dashes.
    #expect(namespace.id.count == 36)
    #expect(namespace.id.filter { $0 == "-" }.count == 4)
    #expect(namespace.capabilities.syncUpdate)
  }

  /// The server pings back for nearly every call (grpc-go's bandwidth
  /// estimate); before ServerPingResponder, swift-nio-http2 counted those
  /// pings and closed the connection after 200 of them in 30 s.
  @Test("the connection survives many more calls than swift-nio-http2's ping limit")
  func survivesServerPings() async throws {
    let options = try TestServer.options()
    let calls = try await TemporalConnection.withConnection(options) { connection in
      var request = Temporal_Api_Workflowservice_V1_DescribeNamespaceRequest()
      request.namespace = options.namespace
      for _ in 0..<600 {
        // No retries: a dropped connection would fail a call here.
        _ = try await connection.unary(WorkflowServiceMethod.DescribeNamespace.self, request, retrying: false)
      }
      return 600
    }
    #expect(calls == 600)
  }

  /// grpc-swift's graceful close waits for every open stream; a server that
  /// stops answering without closing its socket would keep the process from
  /// ever exiting. The poll here has a 300 s deadline: without the bounded
  /// close the test outlives its time limit (checked by setting the bound to
  /// 500 s).
  @Test("closing while the server is frozen cuts off the calls it holds open", .timeLimit(.minutes(2)))
  func closesDespiteFrozenServer() async throws {
    try await PrivateServer.with { server in
      let options = try server.connectionOptions
      let queue = TestServer.uniqueTaskQueue("frozen-close")
      let poll = try await TemporalConnection.withConnection(options) { connection in
        let poll = try await Self.openPoll("frozen-close-test", on: queue, connection: connection)
        server.freeze()
        return poll
      }
      // withConnection returned with the server still frozen.
      let outcome = await poll.result
      // Cut off: its stream closed under it, long before its deadline.
      let error = try #require(throws: ConnectionError.self) { try outcome.get() }
      #expect(error.code == .unreachable, "\(error)")
    }
  }

  /// A server that stops answering without closing the socket: keepalive
  /// notices within interval + timeout and fails the calls on the dead
  /// connection, instead of leaving a poll to its deadline (300 s here; with
  /// keepalive off the test exceeds its time limit — checked).
  @Test("keepalive fails a poll on a frozen server long before its deadline", .timeLimit(.minutes(2)))
  func keepaliveFindsFrozenServer() async throws {
    try await PrivateServer.with { server in
      var options = try server.connectionOptions
      options.keepaliveInterval = .seconds(10)  // grpc-swift's floor
      options.keepaliveTimeout = .seconds(2)
      let queue = TestServer.uniqueTaskQueue("keepalive")
      let outcome = try await TemporalConnection.withConnection(options) { connection in
        let poll = try await Self.openPoll("keepalive-test", on: queue, connection: connection)
        server.freeze()
        let outcome = await poll.result
        server.thaw()
        return outcome
      }
      let error = try #require(throws: ConnectionError.self) { try outcome.get() }
      #expect(error.code == .unreachable, "\(error)")
    }
  }

  /// A call's own deadline is enforced by failing its stream (the
  /// connection's deadline sweep); the transport reports such a stream as
  /// UNAVAILABLE, which would read as an outage and be retried. It must come out as the deadline it is. Keepalive is
  /// off so that only the deadline can end the call.
  @Test("a call the frozen server never answers ends at its deadline, as deadline exceeded", .timeLimit(.minutes(2)))
  func deadlineOnFrozenServer() async throws {
    try await PrivateServer.with { server in
      var options = try server.connectionOptions
      options.keepaliveInterval = nil
      let outcome: (any Error)? = try await TemporalConnection.withConnection(options) { connection in
        server.freeze()
        defer { server.thaw() }
        var request = Temporal_Api_Workflowservice_V1_DescribeNamespaceRequest()
        request.namespace = options.namespace
        do {
          _ = try await connection.unary(
            WorkflowServiceMethod.DescribeNamespace.self, request, timeout: .seconds(2), retrying: false)
          return nil
        } catch {
          return error
        }
      }
      let error = try #require(outcome as? ConnectionError)
      #expect(error.code == .deadlineExceeded, "\(error)")
    }
  }

  /// Keepalive must recognise the server's answers (ServerPingResponder
  /// answers the server's own pings ahead of the HTTP/2 handler): a poll
  /// open across two keepalive rounds is not cut off. It ends empty, or —
  /// on a busy machine, where the server's answer just before the deadline
  /// can arrive late — at its own deadline; a connection closed by
  /// keepalive would fail it as unreachable after about 12 s.
  @Test("keepalive leaves a live connection alone: a 25 s poll on an empty queue is not cut off")
  func keepaliveKeepsLiveConnection() async throws {
    var options = try TestServer.options()
    options.keepaliveInterval = .seconds(10)
    options.keepaliveTimeout = .seconds(2)
    let queue = TestServer.uniqueTaskQueue("keepalive-live")
    let outcome = try await TemporalConnection.withConnection(options) { connection in
      await Task { try await Self.pollActivity("keepalive-live-test", on: queue, timeout: .seconds(25), connection: connection) }
        .result
    }
    switch outcome {
    case .success(let response):
      #expect(response.taskToken.isEmpty)
    case .failure(let error):
      #expect((error as? ConnectionError)?.code == .deadlineExceeded, "\(error)")
    }
  }

  /// One activity long poll on `queue` as `identity`, on the polls'
  /// connection and without retries.
  private static func pollActivity(
    _ identity: String, on queue: String, timeout: Duration, connection: TemporalConnection
  ) async throws -> Temporal_Api_Workflowservice_V1_PollActivityTaskQueueResponse {
    var request = Temporal_Api_Workflowservice_V1_PollActivityTaskQueueRequest()
    request.namespace = connection.options.namespace
    request.taskQueue.name = queue
    request.identity = identity
    return try await connection.unary(
      WorkflowServiceMethod.PollActivityTaskQueue.self, request, timeout: timeout, retrying: false, longPoll: true)
  }

  /// Starts a poll with a 300 s deadline and returns once the server lists
  /// it among the queue's pollers: the server holds it open from then on.
  private static func openPoll(
    _ identity: String, on queue: String, connection: TemporalConnection
  ) async throws -> Task<Temporal_Api_Workflowservice_V1_PollActivityTaskQueueResponse, any Error> {
    let poll = Task { try await Self.pollActivity(identity, on: queue, timeout: .seconds(300), connection: connection) }
    try await Self.waitForPoller(identity, on: queue, connection: connection)
    return poll
  }

  /// Waits until the server lists `identity` among the queue's activity pollers.
  private static func waitForPoller(_ identity: String, on queue: String, connection: TemporalConnection) async throws {
    var describe = Temporal_Api_Workflowservice_V1_DescribeTaskQueueRequest()
    describe.namespace = connection.options.namespace
    describe.taskQueue.name = queue
    describe.taskQueueType = .activity
    while true {
      let response = try await connection.unary(WorkflowServiceMethod.DescribeTaskQueue.self, describe)
      if response.pollers.contains(where: { $0.identity == identity }) { return }
      try await Task.sleep(for: .milliseconds(50))
    }
  }

  /// swift-nio-http2 opens at most 100 streams at once on a connection; a
  /// worker's open polls must not leave its reports waiting behind them.
  @Test("calls go through while 100 long polls are open")
  func callsPassOpenPolls() async throws {
    let options = try TestServer.options()
    let queue = TestServer.uniqueTaskQueue("open-polls")
    try await TemporalConnection.withConnection(options) { connection in
      let pollReturned = ReturnedFlag()
      try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<100 {
          group.addTask {
            _ = try? await Self.pollActivity("open-polls-test", on: queue, timeout: .seconds(30), connection: connection)
            pollReturned.value.withLock { $0 = true }
          }
        }
        // The server lists the poller once its polls have arrived.
        try await Self.waitForPoller("open-polls-test", on: queue, connection: connection)
        var request = Temporal_Api_Workflowservice_V1_DescribeNamespaceRequest()
        request.namespace = options.namespace
        for _ in 0..<20 {
          _ = try await connection.unary(WorkflowServiceMethod.DescribeNamespace.self, request, retrying: false)
        }
        // Before the fix these calls waited until polls gave up their streams.
        #expect(pollReturned.value.withLock { $0 } == false)
        group.cancelAll()
      }
    }
  }

  final class ReturnedFlag: Sendable {
    let value = Mutex(false)
  }

  @Test("an unknown namespace fails with its name and the address")
  func unknownNamespace() async throws {
    let options = try TestServer.options(namespace: "no-such-namespace-for-gaffer")
    await #expect {
      try await TemporalConnection.withConnection(options) { _ in }
    } throws: { error in
      guard let error = error as? ConnectionError else { return false }
      return error.code == .namespaceNotFound
        && error.message.contains("'no-such-namespace-for-gaffer'")
        && error.message.contains(options.address.description)
    }
  }

  @Test("an address where nothing listens fails as unreachable, naming the address")
  func unreachableAddress() async throws {
    var options = try TestServer.options()
    options.address = ServerAddress(host: "127.0.0.1", port: try TestServer.closedPort())
    options.connectTimeout = .seconds(5)
    await #expect {
      try await TemporalConnection.withConnection(options) { _ in }
    } throws: { error in
      guard let error = error as? ConnectionError else { return false }
      // Usually "connection refused" arrives first ("Nothing answered at …");
      // on a loaded machine the connect budget can run out first ("No answer
      // from … within …"). Both are the unreachable verdict naming the address.
      return error.code == .unreachable && error.message.contains("\(options.address)")
    }
  }

  @Test("TLS against the plaintext dev server fails as a TLS handshake failure")
  func tlsAgainstPlaintext() async throws {
    var options = try TestServer.options()
    options.security = .tls(TLSOptions())
    // The handshake fails at once; the budget only has to outlast a loaded
    // machine (at 2 s it ran out first while benchmarks ran beside it).
    options.connectTimeout = .seconds(10)
    await #expect {
      try await TemporalConnection.withConnection(options) { _ in }
    } throws: { error in
      guard let error = error as? ConnectionError else { return false }
      return error.code == .tlsHandshakeFailed && error.message.contains(options.address.description)
    }
  }
}
