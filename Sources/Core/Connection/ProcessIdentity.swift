#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The default worker identity: `<pid>@<hostname>`, as the official SDKs use.
public enum ProcessIdentity {
  public static var `default`: String {
    "\(getpid())@\(Self.hostName)"
  }

  static var hostName: String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
    buffer[buffer.count - 1] = 0
    return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
