internal import ArgumentParser
internal import GafferService
internal import Foundation
internal import GafferTUI

/// `gaffer config`: the effective configuration, each value with its source.
struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Print the effective configuration: every setting, its value and where it came from (default, env, flag). Secrets are hidden."
  )

  @OptionGroup var connection: ConnectionFlags
  @OptionGroup var worker: WorkerFlags

  func run() throws {
    let configuration = try loadConfiguration(flags: self.connection.values.merging(self.worker.values) { $1 })
    print(Self.table(configuration))
  }

  static func table(_ configuration: GafferConfiguration) -> String {
    let rows = [("SETTING", "VALUE", "SOURCE", "FLAG")]
      + configuration.entries.map { ($0.setting.variable, $0.value, $0.source.rawValue, "--" + $0.setting.flag) }
    let first = rows.map(\.0.count).max() ?? 0
    let second = min(rows.map(\.1.count).max() ?? 0, 40)
    let third = rows.map(\.2.count).max() ?? 0
    func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count) + 2) }
    return rows.map { pad($0.0, first) + pad($0.1, second) + pad($0.2, third) + $0.3 }.joined(separator: "\n")
  }
}

/// Builds the configuration from flags and the environment, or prints the
/// one-line reason and exits 2.
func loadConfiguration(
  flags: [String: String], defaults: [String: String] = [:]
) throws -> GafferConfiguration {
  do {
    return try GafferConfiguration(
      environment: ProcessInfo.processInfo.environment, flags: flags, defaults: defaults)
  } catch {
    printError("gaffer: \(error.message)")
    throw ExitCode(2)
  }
}

func printError(_ line: String) {
  StandardStream.error.write(line + "\n")
}
