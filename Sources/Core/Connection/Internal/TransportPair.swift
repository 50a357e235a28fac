internal import GRPCCore
internal import GRPCNIOTransportHTTP2Posix
import Logging

/// The two transports of a connection — calls, and long polls — connected
/// for the length of a body and closed within a bound. Calls go on them
/// directly (`UnaryExchange`); no `GRPCClient` sits in between.
///
/// A graceful close waits until every open stream and any pending
/// reconnect attempt has ended. A server that stops answering without
/// closing its sockets (a frozen process, a network black hole) never ends
/// them, and the process could never exit. Here the graceful close gets
/// `closeTimeout`; then the transports are cancelled, which closes their
/// sockets at once and fails whatever was still open.
enum TransportPair {
  private enum TaskEnd {
    case transportClosed
    case closeTimedOut
    case timerStopped
  }

  static func run<Result: Sendable>(
    _ transport: HTTP2ClientTransport.Posix,
    _ pollTransport: HTTP2ClientTransport.Posix,
    closeTimeout: Duration,
    logger: Logger,
    _ body: () async throws -> Result
  ) async throws -> Result {
    return try await withThrowingTaskGroup(of: TaskEnd.self) { group in
      group.addTask {
        try await transport.connect()
        return .transportClosed
      }
      group.addTask {
        try await pollTransport.connect()
        return .transportClosed
      }
      let result: Swift.Result<Result, any Error>
      do {
        result = .success(try await body())
      } catch {
        result = .failure(error)
      }
      switch result {
      case .success:
        transport.beginGracefulShutdown()
        pollTransport.beginGracefulShutdown()
        group.addTask {
          (try? await Task.sleep(for: closeTimeout)) == nil ? .timerStopped : .closeTimedOut
        }
      case .failure:
        // As grpc-swift's withGRPCClient does when its body throws: no graceful close.
        group.cancelAll()
      }
      var openTransports = 2
      while openTransports > 0, let end = try await group.next() {
        switch end {
        case .transportClosed:
          openTransports -= 1
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
