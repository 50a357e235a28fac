internal import Logging

/// The logger workflow code gets: it says nothing while the run replays,
/// so a line is logged once, when the code first takes that path.
struct ReplayAwareLogHandler: LogHandler {
  private var wrapped: any LogHandler
  private let core: WorkflowRunCore

  init(wrapping handler: any LogHandler, core: WorkflowRunCore) {
    self.wrapped = handler
    self.core = core
  }

  var metadata: Logger.Metadata {
    get { self.wrapped.metadata }
    set { self.wrapped.metadata = newValue }
  }

  var logLevel: Logger.Level {
    get { self.wrapped.logLevel }
    set { self.wrapped.logLevel = newValue }
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { self.wrapped[metadataKey: key] }
    set { self.wrapped[metadataKey: key] = newValue }
  }

  func log(event: LogEvent) {
    guard !self.core.isReplaying else { return }
    self.wrapped.log(event: event)
  }
}
