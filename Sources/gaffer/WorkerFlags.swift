internal import ArgumentParser

/// The flags that configure a worker, its console, HTTP port and logging.
/// Values are passed through as text: `GafferConfiguration` parses flags and
/// environment the same way, so both get the same checks and messages.
struct WorkerFlags: ParsableArguments {
  @Option(name: .customLong("task-queue"), help: "Task queue to poll. Env TEMPORAL_TASK_QUEUE.")
  var taskQueue: String?

  @Option(name: .customLong("max-concurrent-activities"), help: "Activity slots. Env MAX_CONCURRENT_ACTIVITIES; default 100.")
  var maxConcurrentActivities: String?

  @Option(
    name: .customLong("max-concurrent-workflow-tasks"),
    help: "Workflow task slots. Env MAX_CONCURRENT_WORKFLOW_TASKS; default 100.")
  var maxConcurrentWorkflowTasks: String?

  @Option(
    name: .customLong("max-cached-workflows"),
    help: "Workflow runs kept between tasks; 0 keeps none. Env MAX_CACHED_WORKFLOWS; default 1000.")
  var maxCachedWorkflows: String?

  @Option(
    name: .customLong("workflow-pollers"),
    help: "Workflow task polls, 1-100 (a fifth on the task queue, the rest sticky). Env WORKFLOW_POLLERS; default 5.")
  var workflowPollers: String?

  @Option(
    name: .customLong("max-eager-activities"),
    help: "Activities a workflow task may start on this worker without a poll; 0 off. Env MAX_EAGER_ACTIVITIES_PER_WORKFLOW_TASK; default 3.")
  var maxEagerActivities: String?

  @Option(
    name: .customLong("max-activities-per-second"),
    help: "Worker-side limit on activity starts per second. Env MAX_ACTIVITIES_PER_SECOND.")
  var maxActivitiesPerSecond: String?

  @Option(
    name: .customLong("max-task-queue-activities-per-second"),
    help: "Task-queue-wide limit, enforced by the server. Env MAX_TASK_QUEUE_ACTIVITIES_PER_SECOND.")
  var maxTaskQueueActivitiesPerSecond: String?

  @Option(name: .customLong("activity-pollers"), help: "Activity long polls: N, auto or auto:MIN,INITIAL,MAX. Env ACTIVITY_POLLERS; default auto.")
  var activityPollers: String?

  @Option(
    name: .customLong("graceful-shutdown-timeout"),
    help: "Seconds running activities get once shutdown begins. Env GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS; default 30.")
  var gracefulShutdownTimeout: String?

  @Option(
    name: .customLong("worker-heartbeat-interval"),
    help: "Seconds between worker heartbeats to the server, 1-60, 0 off. Env WORKER_HEARTBEAT_INTERVAL_SECONDS; default 30.")
  var workerHeartbeatInterval: String?

  @Option(help: "Console: auto, on or off. Env GAFFER_CONSOLE; default auto.")
  var console: String?

  @Option(help: "Console theme: a built-in name or a YAML file. Env GAFFER_THEME; default 'default'.")
  var theme: String?

  @Flag(name: .customLong("read-only"), help: "Console keys can't change the worker. Env GAFFER_CONSOLE_READ_ONLY=1.")
  var readOnly = false

  @Option(name: .customLong("http-port"), help: "Serve /health, /ready and /metrics on this port. Env GAFFER_HTTP_PORT.")
  var httpPort: String?

  @Option(name: .customLong("http-host"), help: "Address the HTTP port listens on. Env GAFFER_HTTP_HOST; default 0.0.0.0.")
  var httpHost: String?

  @Option(
    name: .customLong("control-socket"),
    help: "Control socket for gaffer attach: a path, or off. Env GAFFER_CONTROL_SOCKET; default $XDG_RUNTIME_DIR/gaffer/PID.sock.")
  var controlSocket: String?

  @Option(name: .customLong("log-format"), help: "text or json. Env GAFFER_LOG_FORMAT; default text.")
  var logFormat: String?

  @Option(name: .customLong("log-level"), help: "trace … critical. Env GAFFER_LOG_LEVEL; default info.")
  var logLevel: String?

  @Option(name: .customLong("log-file"), help: "Also append log lines to this file. Env GAFFER_LOG_FILE.")
  var logFile: String?

  /// The values given, keyed by environment variable.
  var values: [String: String] {
    var values: [String: String] = [:]
    values["TEMPORAL_TASK_QUEUE"] = self.taskQueue
    values["MAX_CONCURRENT_ACTIVITIES"] = self.maxConcurrentActivities
    values["MAX_CONCURRENT_WORKFLOW_TASKS"] = self.maxConcurrentWorkflowTasks
    values["MAX_CACHED_WORKFLOWS"] = self.maxCachedWorkflows
    values["WORKFLOW_POLLERS"] = self.workflowPollers
    values["MAX_EAGER_ACTIVITIES_PER_WORKFLOW_TASK"] = self.maxEagerActivities
    values["MAX_ACTIVITIES_PER_SECOND"] = self.maxActivitiesPerSecond
    values["MAX_TASK_QUEUE_ACTIVITIES_PER_SECOND"] = self.maxTaskQueueActivitiesPerSecond
    values["ACTIVITY_POLLERS"] = self.activityPollers
    values["GRACEFUL_SHUTDOWN_TIMEOUT_SECONDS"] = self.gracefulShutdownTimeout
    values["WORKER_HEARTBEAT_INTERVAL_SECONDS"] = self.workerHeartbeatInterval
    values["GAFFER_CONSOLE"] = self.console
    values["GAFFER_THEME"] = self.theme
    if self.readOnly { values["GAFFER_CONSOLE_READ_ONLY"] = "1" }
    values["GAFFER_HTTP_PORT"] = self.httpPort
    values["GAFFER_HTTP_HOST"] = self.httpHost
    values["GAFFER_CONTROL_SOCKET"] = self.controlSocket
    values["GAFFER_LOG_FORMAT"] = self.logFormat
    values["GAFFER_LOG_LEVEL"] = self.logLevel
    values["GAFFER_LOG_FILE"] = self.logFile
    return values
  }
}
