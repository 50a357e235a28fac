internal import ArgumentParser
internal import Foundation
internal import GafferCore

/// `gaffer replay FILE.json…`: replays recorded histories of the demo's
/// workflows, as a worker would after a restart.
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Replay workflow histories (temporal workflow show -o json) against the demo's workflows.",
    discussion: "Exit 0 when every history replays, 1 at the first divergence or workflow-task failure, 2 when a file is not a history of a known workflow."
  )

  @Argument(help: "History files, as `temporal workflow show -w ID -o json` writes them.")
  var files: [String]

  func run() throws {
    let replayer = try WorkflowReplayer(workflows: DemoWorkflows.all)
    for file in self.files {
      do {
        let events = try replayer.replay(historyFile: URL(fileURLWithPath: file))
        print("ok \(file) (\(events) events)")
      } catch {
        printError("gaffer replay: \(error.message)")
        throw ExitCode(error.kind == .unreadableHistory ? 2 : 1)
      }
    }
  }
}
