internal import GRPCCore
internal import GRPCNIOTransportHTTP2Posix
internal import GRPCProtobuf
public import Logging
internal import TemporalAPI

/// One gRPC channel to a Temporal server, bound to a namespace.
///
/// A connection lives inside `withConnection`: it connects, asks the server
/// what it is (GetSystemInfo) and checks the namespace (DescribeNamespace),
/// hands itself to the body, and closes when the body returns — waiting at
/// most `closeTimeout` for calls the server still holds open. Every call it
/// makes carries the client headers, the API key if any, a deadline, and is
/// retried with jittered backoff when the server says "try again later".
public final class TemporalConnection: Sendable {
  typealias Service = Temporal_Api_Workflowservice_V1_WorkflowService.Client<HTTP2ClientTransport.Posix>

  public let options: ConnectionOptions
  /// What GetSystemInfo said when the connection was made.
  public let serverInfo: ServerInfo
  /// What DescribeNamespace said when the connection was made.
  public let namespaceInfo: NamespaceInfo
  /// How long connecting took, GetSystemInfo and DescribeNamespace included.
  public let connectDuration: Duration

  let service: Service
  /// Long polls travel on a connection of their own. swift-nio-http2 opens
  /// at most 100 streams at once on a connection whose server sets no
  /// limit (the dev server sets none), and queues the rest: with as many
  /// open polls as that, reports waited behind them for up to a minute.
  let pollService: Service
  let retrier: RPCRetrier
  let translator: RPCErrorTranslator
  let metadata: Metadata
  let logger: Logger
  /// Wakes callers backing off after an outage once the server answers.
  let recovery = ServerRecovery()

  private init(
    options: ConnectionOptions, serverInfo: ServerInfo, namespaceInfo: NamespaceInfo, connectDuration: Duration,
    service: Service, pollService: Service, retrier: RPCRetrier, translator: RPCErrorTranslator, metadata: Metadata,
    logger: Logger
  ) {
    self.options = options
    self.serverInfo = serverInfo
    self.namespaceInfo = namespaceInfo
    self.connectDuration = connectDuration
    self.service = service
    self.pollService = pollService
    self.retrier = retrier
    self.translator = translator
    self.metadata = metadata
    self.logger = logger
  }

  /// Connects, runs `body` with the connection, and closes it when `body`
  /// returns or throws. Connection failures throw `ConnectionError`.
  public static func withConnection<Result: Sendable>(
    _ options: ConnectionOptions,
    logger: Logger = Logger(label: "gaffer.connection"),
    _ body: (TemporalConnection) async throws -> Result
  ) async throws -> Result {
    try await Self.withConnection(options, logger: logger, retrier: RPCRetrier(options: options.retry), body)
  }

  static func withConnection<Result: Sendable>(
    _ options: ConnectionOptions,
    logger: Logger,
    retrier: RPCRetrier,
    _ body: (TemporalConnection) async throws -> Result
  ) async throws -> Result {
    var logger = logger
    logger[metadataKey: "temporal.address"] = "\(options.address)"
    logger[metadataKey: "temporal.namespace"] = "\(options.namespace)"

    let transport = try TransportFactory.makeTransport(for: options)
    let pollTransport = try TransportFactory.makeTransport(for: options)
    let usesTLS: Bool
    switch options.security {
    case .plaintext: usesTLS = false
    case .tls: usesTLS = true
    }
    let translator = RPCErrorTranslator(address: options.address, namespace: options.namespace, usesTLS: usesTLS)
    let metadata = Self.metadata(for: options)

    return try await GRPCClientPair.run(transport, pollTransport, closeTimeout: Self.closeTimeout, logger: logger) {
      client, pollClient in
      let service = Service(wrapping: client)
      let clock = ContinuousClock()
      let start = clock.now
      logger.debug("connecting", metadata: ["temporal.security": "\(usesTLS ? "tls" : "plaintext")"])

      let systemInfo = try await Self.connectCall(
        "GetSystemInfo", options: options, retrier: retrier, translator: translator, logger: logger
      ) { callOptions in
        try await service.getSystemInfo(.init(), metadata: metadata, options: callOptions)
      }
      var describe = Temporal_Api_Workflowservice_V1_DescribeNamespaceRequest()
      describe.namespace = options.namespace
      let namespaceResponse = try await Self.connectCall(
        "DescribeNamespace", options: options, retrier: retrier, translator: translator, logger: logger
      ) { [describe] callOptions in
        try await service.describeNamespace(describe, metadata: metadata, options: callOptions)
      }

      let connection = TemporalConnection(
        options: options,
        serverInfo: ServerInfo(systemInfo),
        namespaceInfo: NamespaceInfo(namespaceResponse),
        connectDuration: clock.now - start,
        service: service,
        pollService: Service(wrapping: pollClient),
        retrier: retrier,
        translator: translator,
        metadata: metadata,
        logger: logger
      )
      logger.info(
        "connected",
        metadata: [
          "temporal.server_version": "\(connection.serverInfo.version)",
          "temporal.namespace_id": "\(connection.namespaceInfo.id)",
        ])
      return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await connection.probeWhileWaiting() }
        defer { group.cancelAll() }
        return try await body(connection)
      }
    }
  }

  /// While somebody backs off waiting for the server, asks it a cheap
  /// question (GetSystemInfo) a few times a second, so that the first
  /// answer after an outage wakes them all.
  private func probeWhileWaiting() async {
    let request = Temporal_Api_Workflowservice_V1_GetSystemInfoRequest()
    while !Task.isCancelled {
      await self.recovery.waitUntilWanted()
      while self.recovery.isWaiting && !Task.isCancelled {
        var callOptions = CallOptions.defaults
        callOptions.timeout = .seconds(2)
        callOptions.waitForReady = false
        if (try? await self.service.getSystemInfo(request, metadata: self.metadata, options: callOptions)) != nil {
          self.recovery.serverAnswered()
          break
        }
        do {
          try await Task.sleep(for: Self.probeInterval)
        } catch {
          return
        }
      }
    }
  }

  static let probeInterval = Duration.milliseconds(250)
  /// How long a close waits for calls the server still holds open before
  /// cutting them off. A worker closes its connection after its drain, when
  /// nothing of value is left in flight.
  static let closeTimeout = Duration.seconds(5)

  /// A call made while connecting: fail fast rather than wait for a
  /// connection that may never come, and give retries `connectTimeout` in all.
  private static func connectCall<Response: Sendable>(
    _ rpc: String,
    options: ConnectionOptions,
    retrier: RPCRetrier,
    translator: RPCErrorTranslator,
    logger: Logger,
    _ call: (CallOptions) async throws -> Response
  ) async throws -> Response {
    var callOptions = CallOptions.defaults
    callOptions.timeout = options.connectTimeout
    callOptions.waitForReady = false
    do {
      return try await retrier.run(budget: options.connectTimeout, onRetry: Self.logRetry(of: rpc, to: logger)) {
        try await call(callOptions)
      }
    } catch {
      throw translator.translateConnectFailure(error, rpc: rpc, timeout: options.connectTimeout)
    }
  }

  /// Makes one unary call with the connection's headers and deadline,
  /// retrying transient failures unless `retrying` is false (long polls do
  /// their own backoff). `longPoll` sends it on the polls' own connection. Failures come out as `ConnectionError`, or
  /// `CancellationError` when the calling task was cancelled.
  func unary<Response: Sendable>(
    _ rpc: String,
    timeout: Duration? = nil,
    retrying: Bool = true,
    longPoll: Bool = false,
    _ call: (Service, Metadata, CallOptions) async throws -> Response
  ) async throws -> Response {
    var callOptions = CallOptions.defaults
    callOptions.timeout = timeout ?? self.options.callTimeout
    let service = longPoll ? self.pollService : self.service
    do {
      let response: Response
      if retrying {
        response = try await self.retrier.run(onRetry: Self.logRetry(of: rpc, to: self.logger)) {
          try await call(service, self.metadata, callOptions)
        }
      } else {
        response = try await call(service, self.metadata, callOptions)
      }
      self.recovery.serverAnswered()
      return response
    } catch {
      throw self.translator.translate(error, rpc: rpc)
    }
  }

  private static func logRetry(of rpc: String, to logger: Logger) -> (RPCError, Int, Duration) -> Void {
    { error, retry, delay in
      logger.debug("retrying \(rpc)", metadata: ["error": "\(error.code)", "retry": "\(retry)", "delay": "\(delay)"])
    }
  }

  static func metadata(for options: ConnectionOptions) -> Metadata {
    var metadata = Metadata()
    metadata.addString(Gaffer.clientName, forKey: "client-name")
    metadata.addString(Gaffer.version, forKey: "client-version")
    metadata.addString(options.namespace, forKey: "temporal-namespace")
    if let key = options.apiKey, !key.isEmpty {
      metadata.addString("Bearer \(key)", forKey: "authorization")
    }
    return metadata
  }
}
