public import GafferCore
internal import Foundation
internal import Synchronization
public import ServiceLifecycle

/// Runs a worker with the operator console: `run()` starts the worker, owns
/// the terminal while it runs, and returns when the worker has stopped.
/// Without a terminal (or with `.off`) the worker runs headless and logs.
///
/// It is a swift-service-lifecycle `Service`: in a `ServiceGroup`, the
/// group's graceful shutdown is the first interrupt (the worker drains, the
/// console shows it) and cancelling the group forces the worker.
public final class Console: Service, Sendable {
  public let worker: Worker
  public let options: ConsoleOptions
  private let inbox = ConsoleInbox()
  private let interrupts = Atomic<Int>(0)
  private let signalSources = Mutex<[any DispatchSourceSignal]?>(nil)

  public init(worker: Worker, options: ConsoleOptions = ConsoleOptions()) {
    self.worker = worker
    self.options = options
  }

  /// Whether `run()` will draw: `.on`, or `.auto` with stdin and stdout on a terminal.
  public var isInteractive: Bool {
    switch self.options.preference {
    case .on: true
    case .off: false
    case .auto: isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }
  }

  public func run() async throws {
    if let path = self.options.logFile { try ConsoleLog.shared.logToFile(path) }
    if self.options.handlesSignals { self.catchSignals() }
    defer {
      self.signalSources.withLock { sources in
        sources?.forEach { $0.cancel() }
        sources = nil
      }
    }
    try await withGracefulShutdownHandler {
      try await self.runWorker()
    } onGracefulShutdown: {
      self.interrupt()
    }
  }

  private func runWorker() async throws {
    guard self.isInteractive else {
      try await self.worker.run()
      return
    }
    // Only a console that draws loads its theme: parsing one pulls in the
    // regular-expression tables of ICU (≈ 3 MiB resident) through the
    // YAML parser, which a headless worker would carry for nothing.
    let (theme, noColor) = try self.options.themeForDrawing()
    // From here on log lines belong to the log pane, even those the worker
    // writes before the console's first frame.
    ConsoleLog.shared.setCapturing(true)
    let loop = ConsoleLoop(
      subject: LocalConsoleSubject(worker: self.worker), inbox: self.inbox, options: self.options, theme: theme,
      noColor: noColor)
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask {
        if await loop.run() == .noTerminal { await self.runHeadless(after: loop) }
      }
      do {
        try await self.worker.run()
      } catch {
        loop.stop()
        try await group.waitForAll()
        throw error
      }
      loop.stop()
      try await group.waitForAll()
    }
  }

  /// curses could not start: say so, and let signals still drain (the
  /// first) and force (the next) until the worker stops.
  private func runHeadless(after loop: ConsoleLoop) async {
    ConsoleLog.shared.setCapturing(false)
    StandardStream.error.write("gaffer: \(AttachedConsoleError.noTerminal.message); running headless.\n")
    while !loop.isStopping {
      for event in self.inbox.take() where event == .interrupt { self.escalateShutdown() }
      try? await Task.sleep(for: .milliseconds(200))
    }
  }

  /// From now until `run()` returns, SIGINT, SIGTERM and SIGHUP reach the
  /// console: the first drains, the next forces (with a console on screen,
  /// through its state, which says so). `run()` calls it when
  /// `handlesSignals` is set; call it earlier when code that others may
  /// signal starts before the console does, so that a signal in between is
  /// not lost — one the process inherited as ignored (a background job of a
  /// shell script) would otherwise vanish, one at the default would kill the
  /// process without a drain.
  public func catchSignals() {
    self.signalSources.withLock { sources in
      guard sources == nil else { return }
      sources = TerminalSignals.catching { [self] in self.interrupt() }
    }
  }

  /// A signal, or the service group shutting down. With a console it goes
  /// through the console's state (which also says so on screen).
  func interrupt() {
    if self.isInteractive { self.post(.interrupt) } else { self.escalateShutdown() }
  }

  /// Without a drawn console: the first interrupt drains, the next forces.
  func escalateShutdown() {
    if self.interrupts.add(1, ordering: .relaxed).newValue == 1 {
      self.worker.beginGracefulShutdown()
    } else {
      self.worker.forceShutdown()
    }
  }

  func post(_ event: ConsoleEvent) {
    self.inbox.post(event)
  }
}

extension Worker {
  /// Runs the worker with the console (`.on`), without it (`.off`), or with
  /// it when the process has a terminal (`.auto`).
  public func run(console: ConsolePreference, options: ConsoleOptions = ConsoleOptions()) async throws {
    var options = options
    options.preference = console
    try await Console(worker: self, options: options).run()
  }
}
