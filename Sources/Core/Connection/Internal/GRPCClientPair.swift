internal import GRPCCore
internal import GRPCNIOTransportHTTP2Posix
import Logging

/// The two gRPC clients of a connection — calls, and long polls — run for
/// the length of a body and closed within a bound.
///
/// grpc-swift's own `withGRPCClient` closes gracefully and waits until every
/// open stream and any pending reconnect attempt has ended. A server that
/// stops answering without closing its sockets (a frozen process, a network
/// black hole) never ends them, and the process could never exit. Here the
/// graceful close gets `closeTimeout`; then the clients are cancelled, which
/// closes their sockets at once and fails whatever was still open.
enum GRPCClientPair {
  typealias Client = GRPCClient<HTTP2ClientTransport.Posix>

  private enum TaskEnd {
    case clientClosed
    case closeTimedOut
    case timerStopped
  }

  static func run<Result: Sendable>(
    _ transport: HTTP2ClientTransport.Posix,
    _ pollTransport: HTTP2ClientTransport.Posix,
    closeTimeout: Duration,
    logger: Logger,
    _ body: (Client, Client) async throws -> Result
  ) async throws -> Result {
    let client = GRPCClient(transport: transport)
    let pollClient = GRPCClient(transport: pollTransport)
    return try await withThrowingTaskGroup(of: TaskEnd.self) { group in
      group.addTask {
        try await client.runConnections()
        return .clientClosed
      }
      group.addTask {
        try await pollClient.runConnections()
        return .clientClosed
      }
      let result: Swift.Result<Result, any Error>
      do {
        result = .success(try await body(client, pollClient))
      } catch {
        result = .failure(error)
      }
      switch result {
      case .success:
        client.beginGracefulShutdown()
        pollClient.beginGracefulShutdown()
        group.addTask {
          (try? await Task.sleep(for: closeTimeout)) == nil ? .timerStopped : .closeTimedOut
        }
      case .failure:
        // As grpc-swift does when its body throws: no graceful close.
        group.cancelAll()
      }
      var openClients = 2
      while openClients > 0, let end = try await group.next() {
        switch end {
        case .clientClosed:
          openClients -= 1
        case .closeTimedOut:
          logger.warning(
            "the server left calls open \(closeTimeout) after the connection began to close; closing it now",
            metadata: ["connection.close_timeout": "\(closeTimeout)"])
          group.cancelAll()
        case .timerStopped:
          break
        }
      }
      group.cancelAll()
      return try result.get()
    }
  }
}
