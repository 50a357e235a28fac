internal import Foundation

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// stdout or stderr, written so that a reader going away never stops the
/// process: a closed pipe (`gaffer demo | tee` and a Ctrl-C that kills tee,
/// a log collector restarting) makes the write fail with EPIPE, and the line
/// is dropped. `FileHandle.write(_:)` traps on that error instead.
public struct StandardStream: Sendable {
  public let descriptor: Int32

  public static let output = StandardStream(descriptor: STDOUT_FILENO)
  public static let error = StandardStream(descriptor: STDERR_FILENO)

  /// Writes all of `text`, or as much as the reader takes; never throws.
  public func write(_ text: String) {
    self.write(Data(text.utf8))
  }

  func write(_ data: Data) {
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      guard var base = buffer.baseAddress else { return }
      var left = buffer.count
      while left > 0 {
        let written = Glibc.write(self.descriptor, base, left)
        if written < 0 {
          if errno == EINTR { continue }
          return  // EPIPE, EBADF, …: the reader is gone; drop the rest.
        }
        left -= written
        base += written
      }
    }
  }

  /// A write to a pipe nobody reads then fails with EPIPE (dropped above)
  /// instead of killing the process with SIGPIPE mid-drain.
  public static func ignoreBrokenPipes() {
    signal(SIGPIPE, SIG_IGN)
  }
}
