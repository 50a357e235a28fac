public import GafferCore
public import Hummingbird
public import Logging
public import Prometheus
public import ServiceLifecycle


/// /health, /ready and /metrics for one worker, as a Hummingbird
/// application: a `Service` that sits in the worker's `ServiceGroup`.
public struct HealthServer: Service {
  public let worker: Worker
  public let registry: PrometheusCollectorRegistry
  public let host: String
  public let port: Int
  private let logger: Logger

  public init(worker: Worker, registry: PrometheusCollectorRegistry, host: String, port: Int, logger: Logger) {
    self.worker = worker
    self.registry = registry
    self.host = host
    self.port = port
    self.logger = logger
  }

  public func run() async throws {
    let router = Router()
    let worker = self.worker
    let registry = self.registry
    router.get("/health") { _, _ in Self.plain(WorkerHealth.liveness(worker.snapshot())) }
    router.get("/ready") { _, _ in Self.plain(WorkerHealth.readiness(worker.snapshot())) }
    router.get("/metrics") { _, _ in
      worker.publishMetricGauges()
      var bytes: [UInt8] = []
      bytes.reserveCapacity(16 * 1024)
      registry.emit(into: &bytes)
      return Response(
        status: .ok,
        headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
    let logger = self.logger
    var serverLogger = self.logger
    serverLogger.logLevel = .warning
    let address = "\(self.host):\(self.port)"
    let application = Application(
      router: router,
      configuration: ApplicationConfiguration(address: .hostname(self.host, port: self.port), serverName: "gaffer"),
      onServerRunning: { _ in logger.info("serving /health, /ready and /metrics on \(address)") },
      logger: serverLogger)
    try await application.run()
  }

  private static func plain(_ health: WorkerHealth) -> Response {
    Response(
      status: HTTPResponse.Status(code: health.status),
      headers: [.contentType: "text/plain; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: health.reason + "\n")))
  }
}
