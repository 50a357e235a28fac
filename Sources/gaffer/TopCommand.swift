internal import ArgumentParser
internal import Foundation
internal import GafferCore
internal import GafferTUI
internal import Logging
internal import Synchronization

/// `gaffer top --task-queue Q`: every worker on a task queue, of any SDK,
/// as the server knows them (worker heartbeats, else pollers), with the
/// backlog above. No worker of its own: the fleet's view for an operator.
struct TopCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "top",
    abstract: "Show every worker on a task queue, from the server's worker heartbeats and pollers, with its backlog."
  )

  @OptionGroup var connection: ConnectionFlags

  @Option(name: .customLong("task-queue"), help: "The task queue to show. Env TEMPORAL_TASK_QUEUE.")
  var taskQueue: String?

  @Flag(help: "Print the table once and exit (for scripts; no terminal needed).")
  var once = false

  @Option(help: "Console theme: a built-in name or a YAML file. Env GAFFER_THEME.")
  var theme: String?

  static let refreshInterval: Duration = .seconds(2)

  func run() async throws {
    var flags = self.connection.values
    if let taskQueue { flags["TEMPORAL_TASK_QUEUE"] = taskQueue }
    let configuration = try loadConfiguration(flags: flags)
    let queue: String
    do {
      queue = try configuration.requiredTaskQueue()
    } catch {
      throw ValidationError("gaffer top needs a task queue: --task-queue Q or TEMPORAL_TASK_QUEUE.")
    }
    var options = configuration.console
    if let theme { options.theme = theme }
    if !self.once, isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1 {
      printError("gaffer top: the screen needs a terminal; --once prints the table instead")
      throw ExitCode(2)
    }
    var logger = Logger(label: "gaffer.top")
    logger.logLevel = .critical
    do {
      try await TemporalConnection.withConnection(configuration.connection, logger: logger) { connection in
        let observer = FleetObserver(connection: connection, taskQueue: queue)
        if self.once {
          print(Self.text(await observer.refresh()))
          return
        }
        let latest = Mutex<FleetSnapshot?>(nil)
        let refresher = Task {
          while !Task.isCancelled {
            let fleet = await observer.refresh()
            latest.withLock { $0 = fleet }
            try? await Task.sleep(for: Self.refreshInterval)
          }
        }
        defer { refresher.cancel() }
        do {
          try await FleetConsole(options: options) { latest.withLock { $0 } }.run()
        } catch {
          printError("gaffer top: \(error)")
          throw ExitCode(1)
        }
      }
    } catch let error as ConnectionError {
      printError("gaffer top: \(error.message)")
      throw ExitCode(1)
    }
  }

  /// The screen's text without its footer, wide enough for every column.
  static func text(_ fleet: FleetSnapshot) -> String {
    let size = TerminalSize(columns: 160, rows: max(fleet.workers.count + 7, TerminalSize.minimum.rows))
    let screen = FleetRenderer.render(fleet, sort: .identity, glyphs: .unicode, size: size)
    return (0..<(size.rows - 1)).map { screen.text(ofRow: $0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
      .joined(separator: "\n")
  }
}
