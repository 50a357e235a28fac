import Foundation
import GafferCore
import GafferService
import Testing

@Suite struct GafferConfigurationTests {
  @Test func defaultsWhenNothingIsSet() throws {
    let configuration = try GafferConfiguration(environment: [:])
    #expect(configuration.connection.address.description == "127.0.0.1:7233")
    #expect(configuration.connection.namespace == "default")
    #expect(configuration.taskQueue == nil)
    #expect(configuration.worker.maxConcurrentActivities == 100)
    #expect(configuration.worker.gracefulShutdownTimeout == .seconds(30))
    #expect(configuration.worker.workerHeartbeatInterval == .seconds(30))
    #expect(configuration.http == nil)
    #expect(configuration.logFormat == .text)
    #expect(configuration.logLevel == .info)
    #expect(configuration.entries.allSatisfy { $0.source == .default })
    #expect(configuration.entries.map(\.setting.variable) == ConfigurationSetting.all.map(\.variable))
  }

  @Test func flagsBeatEnvironmentWhichBeatsDefaults() throws {
    let configuration = try GafferConfiguration(
      environment: ["MAX_CONCURRENT_ACTIVITIES": "40", "ACTIVITY_POLLERS": "3", "TEMPORAL_TASK_QUEUE": "env-queue"],
      flags: ["MAX_CONCURRENT_ACTIVITIES": "7"],
      defaults: ["MAX_CONCURRENT_ACTIVITIES": "1000", "TEMPORAL_TASK_QUEUE": "default-queue", "GAFFER_LOG_LEVEL": "debug"])
    #expect(configuration.worker.maxConcurrentActivities == 7)
    #expect(configuration.worker.activityPollers == 3)
    #expect(configuration.taskQueue == "env-queue")
    #expect(configuration.logLevel == .debug)
    let sources = Dictionary(uniqueKeysWithValues: configuration.entries.map { ($0.setting.variable, $0.source) })
    #expect(sources["MAX_CONCURRENT_ACTIVITIES"] == .flag)
    #expect(sources["ACTIVITY_POLLERS"] == .environment)
    #expect(sources["GAFFER_LOG_LEVEL"] == .default)
  }

  @Test func everyIssueVariableIsASetting() {
    let names = Set(ConfigurationSetting.all.map(\.variable))
    for name in [
      "TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "TEMPORAL_TASK_QUEUE", "TEMPORAL_TLS_CA", "TEMPORAL_TLS_CERT",
      "TEMPORAL_TLS_KEY", "TEMPORAL_API_KEY", "MAX_CONCURRENT_ACTIVITIES", "MAX_CONCURRENT_WORKFLOW_TASKS",
      "MAX_ACTIVITIES_PER_SECOND", "ACTIVITY_POLLERS", "GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS", "GAFFER_CONSOLE",
      "GAFFER_THEME", "GAFFER_HTTP_PORT", "GAFFER_LOG_FORMAT", "GAFFER_LOG_LEVEL", "MAX_CACHED_WORKFLOWS",
      "WORKFLOW_POLLERS",
    ] {
      #expect(names.contains(name), "\(name) is missing")
    }
  }

  @Test func secretsAreNeverShown() throws {
    let configuration = try GafferConfiguration(environment: ["TEMPORAL_API_KEY": "very-secret-key"])
    #expect(configuration.connection.apiKey == "very-secret-key")
    let shown = configuration.entries.map(\.value).joined(separator: " ")
    #expect(!shown.contains("very-secret-key"))
    #expect(configuration.entries.first { $0.setting.variable == "TEMPORAL_API_KEY" }?.value == "(set, hidden)")
  }

  @Test(arguments: [
    ("MAX_CONCURRENT_ACTIVITIES", "abc"), ("MAX_CONCURRENT_ACTIVITIES", "-1"), ("MAX_CONCURRENT_ACTIVITIES", "0"),
    ("MAX_CONCURRENT_WORKFLOW_TASKS", "1.5"), ("MAX_CACHED_WORKFLOWS", "-1"), ("WORKFLOW_POLLERS", "0"), ("ACTIVITY_POLLERS", "0"), ("MAX_ACTIVITIES_PER_SECOND", "-3"),
    ("MAX_TASK_QUEUE_ACTIVITIES_PER_SECOND", "fast"), ("GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS", "-5"),
    ("WORKER_HEARTBEAT_INTERVAL_SECONDS", "120"), ("GAFFER_CONSOLE", "maybe"), ("GAFFER_THEME", "no-such-theme"),
    ("GAFFER_CONSOLE_READ_ONLY", "perhaps"), ("GAFFER_HTTP_PORT", "70000"), ("GAFFER_HTTP_PORT", "http"),
    ("GAFFER_LOG_FORMAT", "xml"), ("GAFFER_LOG_LEVEL", "loud"), ("TEMPORAL_ADDRESS", "localhost:99999"),
    ("TEMPORAL_TLS", "sometimes"),
  ])
  func badEnvironmentValueNamesVariableAndValue(variable: String, value: String) {
    let error = #expect(throws: ConfigurationError.self) {
      try GafferConfiguration(environment: [variable: value])
    }
    let message = error?.message ?? ""
    #expect(message.contains(variable), "\(message)")
    #expect(message.contains(value), "\(message)")
    #expect(message.contains("allowed") || message.contains("valid"), "\(message)")
    #expect(!message.contains("\n"), "one line: \(message)")
  }

  @Test func badFlagValueNamesTheFlag() {
    let error = #expect(throws: ConfigurationError.self) {
      try GafferConfiguration(environment: ["ACTIVITY_POLLERS": "2"], flags: ["ACTIVITY_POLLERS": "none"])
    }
    #expect(error?.message.hasPrefix("--activity-pollers none is not allowed") == true, "\(error?.message ?? "")")
  }

  @Test func clientCertificateNeedsItsKey() {
    let error = #expect(throws: ConfigurationError.self) {
      try GafferConfiguration(environment: ["TEMPORAL_TLS_CERT": "/etc/client.pem"])
    }
    #expect(error?.message.contains("TEMPORAL_TLS_KEY") == true)
  }

  @Test func tlsAndHTTPSettingsArrive() throws {
    let configuration = try GafferConfiguration(environment: [
      "TEMPORAL_TLS_CA": "/ca.pem", "TEMPORAL_TLS_CERT": "/c.pem", "TEMPORAL_TLS_KEY": "/k.pem",
      "GAFFER_HTTP_PORT": "9464", "GAFFER_HTTP_HOST": "127.0.0.1", "GAFFER_LOG_FORMAT": "JSON",
    ])
    guard case .tls(let tls) = configuration.connection.security else {
      Issue.record("expected TLS")
      return
    }
    #expect(tls.caCertificatePath == "/ca.pem")
    #expect(tls.clientKeyPath == "/k.pem")
    #expect(configuration.http == GafferConfiguration.HTTPEndpoint(host: "127.0.0.1", port: 9464))
    #expect(configuration.logFormat == .json)
  }

  @Test func missingTaskQueueSaysHowToSetIt() throws {
    let configuration = try GafferConfiguration(environment: [:])
    let error = #expect(throws: ConfigurationError.self) { try configuration.requiredTaskQueue() }
    #expect(error?.message.contains("TEMPORAL_TASK_QUEUE") == true)
  }
}

@Suite struct ConfigurationDocumentationTests {
  @Test func readmeTableListsEverySettingWithItsFlag() throws {
    let readme = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    for setting in ConfigurationSetting.all {
      #expect(
        text.contains("| `\(setting.variable)` | `--\(setting.flag)` |"),
        "README's configuration table lacks \(setting.variable) / --\(setting.flag)")
    }
  }
}
