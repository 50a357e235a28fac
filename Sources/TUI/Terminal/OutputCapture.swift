internal import Foundation

/// While the console draws, anything printed to stdout or stderr (a stray
/// `print`, a library's warning) would scribble over the screen. This points
/// both at a pipe whose lines go to the log pane, and puts them back after.
final class OutputCapture: @unchecked Sendable {
  private var savedOutput: Int32 = -1
  private var savedError: Int32 = -1
  private var reader: Thread?
  private let finished = DispatchSemaphore(value: 0)

  /// Unchecked: `start` and `stop` run on the console's thread only; the
  /// reader thread touches nothing but the pipe and `ConsoleLog`.
  init() {}

  func start(into log: ConsoleLog) {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return }
    fflush(nil)  // every stdio stream
    self.savedOutput = dup(STDOUT_FILENO)
    self.savedError = dup(STDERR_FILENO)
    dup2(fds[1], STDOUT_FILENO)
    dup2(fds[1], STDERR_FILENO)
    close(fds[1])
    let readEnd = fds[0]
    let finished = self.finished
    let thread = Thread {
      let handle = FileHandle(fileDescriptor: readEnd, closeOnDealloc: true)
      var pending = Data()
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        pending.append(chunk)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
          let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
          pending.removeSubrange(pending.startIndex...newline)
          if !line.isEmpty { log.appendPrinted(line, stream: "printed") }
        }
      }
      if !pending.isEmpty { log.appendPrinted(String(decoding: pending, as: UTF8.self), stream: "printed") }
      finished.signal()
    }
    thread.name = "gaffer.console.output"
    thread.start()
    self.reader = thread
  }

  /// Restores stdout and stderr; the reader drains what is left and ends.
  func stop() {
    guard self.reader != nil else { return }
    fflush(nil)  // every stdio stream
    dup2(self.savedOutput, STDOUT_FILENO)
    dup2(self.savedError, STDERR_FILENO)
    close(self.savedOutput)
    close(self.savedError)
    self.finished.wait()
    self.reader = nil
  }
}
