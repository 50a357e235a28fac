/// A failure to reach or talk to the Temporal server, said in words an
/// operator can act on: what failed, with which address, namespace or file,
/// and what to try next.
public struct ConnectionError: Error, Sendable, CustomStringConvertible {
  /// What kind of failure this is. Extensible: match the cases you handle and
  /// keep a fallback for the rest.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    private enum Wrapped: Hashable, Sendable {
      case invalidAddress
      case unreachable
      case namespaceNotFound
      case tlsFileUnreadable
      case tlsHandshakeFailed
      case unauthenticated
      case permissionDenied
      case deadlineExceeded
      case resourceExhausted
      case notFound
      case unimplemented
      case internalError
      case unknown
      case aborted
      case dataLoss
      case outOfRange
      case server
    }

    private let wrapped: Wrapped

    /// The address could not be parsed as `host:port`.
    public static let invalidAddress = Code(wrapped: .invalidAddress)
    /// Nothing answered at the address, or the connection dropped.
    public static let unreachable = Code(wrapped: .unreachable)
    /// The server does not know the namespace.
    public static let namespaceNotFound = Code(wrapped: .namespaceNotFound)
    /// A CA, certificate or key file is missing or unreadable.
    public static let tlsFileUnreadable = Code(wrapped: .tlsFileUnreadable)
    /// The TLS handshake failed: wrong CA, a plaintext server, a bad certificate.
    public static let tlsHandshakeFailed = Code(wrapped: .tlsHandshakeFailed)
    /// The server rejected the credentials (API key or client certificate).
    public static let unauthenticated = Code(wrapped: .unauthenticated)
    /// The credentials are valid but not allowed to do this.
    public static let permissionDenied = Code(wrapped: .permissionDenied)
    /// The call did not finish before its deadline.
    public static let deadlineExceeded = Code(wrapped: .deadlineExceeded)
    /// The server asked us to slow down and retries ran out.
    public static let resourceExhausted = Code(wrapped: .resourceExhausted)
    /// The server does not know what the call named: an activity attempt
    /// that already closed (its task token is spent), a workflow that ended.
    public static let notFound = Code(wrapped: .notFound)
    /// The server does not offer this call (an older server).
    public static let unimplemented = Code(wrapped: .unimplemented)
    /// The server (or a proxy in front of it) failed inside: INTERNAL.
    /// Transient: a restarting server answers this.
    public static let internalError = Code(wrapped: .internalError)
    /// An error without a status: UNKNOWN. Transient.
    public static let unknown = Code(wrapped: .unknown)
    /// The server gave up on a conflicting operation: ABORTED. Transient.
    public static let aborted = Code(wrapped: .aborted)
    /// DATA_LOSS. Transient, as the official SDKs treat it.
    public static let dataLoss = Code(wrapped: .dataLoss)
    /// OUT_OF_RANGE. Transient, as the official SDKs treat it.
    public static let outOfRange = Code(wrapped: .outOfRange)
    /// Any other error status from the server.
    public static let server = Code(wrapped: .server)

    public var description: String {
      switch self.wrapped {
      case .invalidAddress: "invalid address"
      case .unreachable: "unreachable"
      case .namespaceNotFound: "namespace not found"
      case .tlsFileUnreadable: "TLS file unreadable"
      case .tlsHandshakeFailed: "TLS handshake failed"
      case .unauthenticated: "unauthenticated"
      case .permissionDenied: "permission denied"
      case .deadlineExceeded: "deadline exceeded"
      case .resourceExhausted: "resource exhausted"
      case .notFound: "not found"
      case .unimplemented: "unimplemented"
      case .internalError: "internal server error"
      case .unknown: "unknown error"
      case .aborted: "aborted"
      case .dataLoss: "data loss"
      case .outOfRange: "out of range"
      case .server: "server error"
      }
    }
  }

  public var code: Code
  /// One sentence (or two) saying what failed and what to do about it.
  public var message: String
  /// The RPC this happened on, when there was one (e.g. `GetSystemInfo`).
  public var rpc: String?
  /// The underlying error, kept for logs and debugging.
  public var cause: (any Error)?

  public init(code: Code, message: String, rpc: String? = nil, cause: (any Error)? = nil) {
    self.code = code
    self.message = message
    self.rpc = rpc
    self.cause = cause
  }

  public var description: String { self.message }

  /// True for failures a retry may cure: the server away or restarting,
  /// overloaded, slow, or a proxy's transient answer. The statuses sdk-core
  /// retries: UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, INTERNAL,
  /// UNKNOWN, ABORTED, DATA_LOSS and OUT_OF_RANGE.
  public var isTransient: Bool {
    switch self.code {
    case .unreachable, .deadlineExceeded, .resourceExhausted, .internalError, .unknown, .aborted, .dataLoss,
      .outOfRange:
      true
    default: false
    }
  }
}
