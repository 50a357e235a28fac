internal import Foundation

/// SIGINT, SIGTERM and SIGHUP turned into calls of `handler` (on a global
/// queue) for as long as the returned sources live: the one way every
/// console — in-process, attached, `gaffer top` — takes its signals.
enum TerminalSignals {
  static func catching(_ handler: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
    [SIGINT, SIGTERM, SIGHUP].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler(handler: handler)
      source.resume()
      return source
    }
  }
}
