/// What the poller supervisor is told while the worker runs.
enum PollerControl: Sendable {
  /// The configured poller count changed: start any missing pollers.
  case pollersChanged
  /// Shutdown began. `cancelPolls` ends outstanding long polls at once;
  /// otherwise they run until the server answers them.
  case stop(cancelPolls: Bool)
  /// The server will not end the open polls after all (ShutdownWorker
  /// failed, or they outlived it): cancel them.
  case cancelOpenPolls
  /// A poller left during shutdown; the supervisor ends with the last one.
  case pollerStopped
}
