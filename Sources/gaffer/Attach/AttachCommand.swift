internal import ArgumentParser
internal import Foundation
internal import GafferControl
internal import GafferTUI

/// `gaffer attach [PID | PATH]`: the console on a worker that runs
/// elsewhere — under systemd, in a container — through its control socket.
struct AttachCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "attach",
    abstract: "Open the console on a running worker through its control socket.",
    discussion: """
      With no argument: the only worker of this user (or GAFFER_CONTROL_SOCKET's), \
      else a list of those found. Detaching (q) leaves the worker running.
      """
  )

  static let clientName = "gaffer attach"

  @Argument(help: "The worker's pid, or the path of its control socket.")
  var target: String?

  @Flag(name: .customLong("read-only"), help: "Keys can't change the worker. Env GAFFER_CONSOLE_READ_ONLY=1.")
  var readOnly = false

  @Flag(name: .customLong("list"), help: "List the workers found and exit.")
  var list = false

  @Option(help: "Console theme: a built-in name or a YAML file. Env GAFFER_THEME.")
  var theme: String?

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    var options: ConsoleOptions
    do {
      options = try ConsoleOptions(environment: environment)
    } catch {
      throw ValidationError(error.message)
    }
    if self.readOnly { options.readOnly = true }
    if let theme = self.theme { options.theme = theme }

    if self.list {
      self.printList(ControlDiscovery.workers(environment: environment), environment: environment)
      return
    }
    guard let path = try self.socketPath(environment: environment) else { return }
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      printError("gaffer attach: the console needs a terminal (stdin and stdout); with ssh, use ssh -t; with kubectl, exec -it")
      throw ExitCode(2)
    }
    let client: ControlClient
    do {
      client = try ControlClient(connectingTo: path, client: Self.clientName)
    } catch {
      printError("gaffer attach: \(error.message)")
      throw ExitCode(1)
    }
    guard let first = client.latest else {
      printError("gaffer attach: \(path) sent no snapshot")
      throw ExitCode(1)
    }
    let worker = AttachedWorker(client: client, first: first, environment: environment)
    let reconnect = Task { await worker.keepReconnecting() }
    defer {
      reconnect.cancel()
      worker.close()
    }
    do {
      try await AttachedConsole(subject: worker, options: options).run()
    } catch {
      printError("gaffer attach: \(error.message)")
      throw ExitCode(1)
    }
  }

  /// The socket to attach to, or nil when the workers were listed instead.
  private func socketPath(environment: [String: String]) throws -> String? {
    if let target {
      if target.allSatisfy(\.isNumber) {
        let found = ControlDiscovery.workers(environment: environment).first { $0.worker.pid == Int32(target) }
        guard let found else {
          printError(
            "gaffer attach: no worker with pid \(target) serves a control socket in \(self.directories(environment)); give its socket's path instead")
          throw ExitCode(1)
        }
        return found.path
      }
      return target
    }
    if let path = ControlSocketPath.forWorker(setting: environment[ControlSocketPath.variable], environment: environment),
      !path.isDefault
    {
      return path.path
    }
    let found = ControlDiscovery.workers(environment: environment)
    switch found.count {
    case 0:
      printError(
        "gaffer attach: no running worker of this user serves a control socket in \(self.directories(environment)). Is it another user's, or run with GAFFER_CONTROL_SOCKET=off or another path? Give the socket's path: gaffer attach PATH"
      )
      throw ExitCode(1)
    case 1:
      return found[0].path
    default:
      self.printList(found, environment: environment)
      print("\nSeveral workers: gaffer attach PID")
      return nil
    }
  }

  private func directories(_ environment: [String: String]) -> String {
    ControlSocketPath.directories(environment: environment).joined(separator: " or ")
  }

  private func printList(_ found: [ControlDiscovery.Found], environment: [String: String]) {
    guard !found.isEmpty else {
      print("No running worker of this user serves a control socket in \(self.directories(environment)).")
      return
    }
    print(AttachList.text(found, now: Date()))
  }
}
