internal import ArgumentParser
internal import GafferCore

@main
struct GafferCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gaffer",
    abstract: "A Temporal worker runtime in Swift, with a live console for supervising it.",
    version: Gaffer.version,
    subcommands: [DemoCommand.self, AttachCommand.self, TopCommand.self, ConfigCommand.self, PingCommand.self, ReplayCommand.self]
  )
}
