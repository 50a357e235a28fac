/// One setting a Gaffer worker reads: its environment variable, its flag,
/// what it does and its default. `ConfigurationSetting.all` is the table that
/// `gaffer config`, the flags and the README follow.
public struct ConfigurationSetting: Hashable, Sendable {
  /// The environment variable, e.g. `MAX_CONCURRENT_ACTIVITIES`.
  public let variable: String
  /// The flag's long name without dashes, e.g. `max-concurrent-activities`.
  public let flag: String
  public let summary: String
  /// Shown when the setting is unset; nil when there is no default.
  public let defaultText: String?
  /// Never printed: `gaffer config` shows only whether it is set.
  public let isSecret: Bool

  init(_ variable: String, flag: String, _ summary: String, default defaultText: String?, secret: Bool = false) {
    self.variable = variable
    self.flag = flag
    self.summary = summary
    self.defaultText = defaultText
    self.isSecret = secret
  }

  public static let all: [ConfigurationSetting] = [
    .init("TEMPORAL_ADDRESS", flag: "address", "Temporal frontend, host:port", default: "127.0.0.1:7233"),
    .init("TEMPORAL_NAMESPACE", flag: "namespace", "Namespace", default: "default"),
    .init("TEMPORAL_TASK_QUEUE", flag: "task-queue", "Task queue to poll", default: nil),
    .init("TEMPORAL_IDENTITY", flag: "identity", "Identity sent with every call", default: "pid@hostname"),
    .init("TEMPORAL_TLS", flag: "tls", "Use TLS with the system's roots (1/0)", default: "0"),
    .init("TEMPORAL_TLS_CA", flag: "tls-ca", "CA certificate (PEM) to trust; implies TLS", default: nil),
    .init("TEMPORAL_TLS_CERT", flag: "tls-cert", "Client certificate (PEM) for mTLS", default: nil),
    .init("TEMPORAL_TLS_KEY", flag: "tls-key", "Client private key (PEM) for mTLS", default: nil),
    .init("TEMPORAL_TLS_SERVER_NAME", flag: "tls-server-name", "Server name to verify and send as SNI", default: nil),
    .init("TEMPORAL_API_KEY", flag: "api-key", "API key, sent as a bearer token", default: nil, secret: true),
    .init("MAX_CONCURRENT_ACTIVITIES", flag: "max-concurrent-activities", "Activity slots", default: "100"),
    .init(
      "MAX_CONCURRENT_WORKFLOW_TASKS", flag: "max-concurrent-workflow-tasks",
      "Workflow task slots", default: "100"),
    .init(
      "MAX_CACHED_WORKFLOWS", flag: "max-cached-workflows",
      "Workflow runs kept between tasks (0: none, no sticky polling)", default: "1000"),
    .init("WORKFLOW_POLLERS", flag: "workflow-pollers", "Workflow task polls (1/5 normal, rest sticky)", default: "5"),
    .init(
      "MAX_EAGER_ACTIVITIES_PER_WORKFLOW_TASK", flag: "max-eager-activities",
      "Activities a workflow task may start here without a poll (0: off)", default: "3"),
    .init(
      "MAX_ACTIVITIES_PER_SECOND", flag: "max-activities-per-second", "Worker-side start rate limit",
      default: "none"),
    .init(
      "MAX_TASK_QUEUE_ACTIVITIES_PER_SECOND", flag: "max-task-queue-activities-per-second",
      "Task-queue-wide rate limit, enforced by the server", default: "none"),
    .init(
      "ACTIVITY_POLLERS", flag: "activity-pollers",
      "Activity long polls: N, auto (1-100 from 5) or auto:MIN,INITIAL,MAX", default: "auto"),
    .init(
      "GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS", flag: "graceful-shutdown-timeout",
      "Seconds running activities get after shutdown begins", default: "30"),
    .init(
      "WORKER_HEARTBEAT_INTERVAL_SECONDS", flag: "worker-heartbeat-interval",
      "Seconds between worker heartbeats to the server (1-60, 0 off)", default: "30"),
    .init("GAFFER_CONSOLE", flag: "console", "Console: auto, on or off", default: "auto"),
    .init("GAFFER_THEME", flag: "theme", "Console theme: name or YAML file", default: "default"),
    .init("GAFFER_CONSOLE_READ_ONLY", flag: "read-only", "Console keys can't change the worker (1/0)", default: "0"),
    .init("GAFFER_HTTP_PORT", flag: "http-port", "Port for /health, /ready, /metrics", default: "off"),
    .init("GAFFER_HTTP_HOST", flag: "http-host", "Address the HTTP port listens on", default: "0.0.0.0"),
    .init(
      "GAFFER_CONTROL_SOCKET", flag: "control-socket",
      "Control socket for gaffer attach: a path, or off", default: "$XDG_RUNTIME_DIR/gaffer/PID.sock"),
    .init("GAFFER_LOG_FORMAT", flag: "log-format", "Log lines: text or json", default: "text"),
    .init("GAFFER_LOG_LEVEL", flag: "log-level", "trace, debug, info, notice, warning, error, critical", default: "info"),
    .init("GAFFER_LOG_FILE", flag: "log-file", "Also append log lines to this file", default: nil),
  ]

  public static func named(_ variable: String) -> ConfigurationSetting? {
    self.all.first { $0.variable == variable }
  }
}
