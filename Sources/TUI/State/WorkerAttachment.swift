/// A console attached to a worker in another process (`gaffer attach`):
/// which worker, and how the link to it stands. Nil for the in-process console.
public struct WorkerAttachment: Hashable, Sendable {
  public var pid: Int32
  public var socketPath: String
  public var link: Link

  public enum Link: Hashable, Sendable {
    case attached
    /// The worker said goodbye: its process exits with this code.
    case workerExited(code: Int)
    /// The socket closed without a goodbye; the console tries again.
    case lost(String)
  }

  public init(pid: Int32, socketPath: String, link: Link = .attached) {
    self.pid = pid
    self.socketPath = socketPath
    self.link = link
  }

  public var isLive: Bool { self.link == .attached }
}
