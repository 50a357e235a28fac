public import Foundation
public import GafferCore

/// The control socket's wire format, version 1 (docs/control-socket.md):
/// frames of a 4-byte big-endian length and that many bytes of UTF-8 JSON,
/// one message each. JSON rather than protobuf because the messages are
/// the snapshot and command values themselves (no schema to keep beside
/// them), a tool in any language reads them with what it has, and a frame
/// is readable in a hex dump; at four snapshots a second, encoding cost
/// does not matter.
public enum ControlProtocol {
  public static let version = 1
  /// What a worker accepts from a console: commands are small.
  public static let maximumClientFrame = 64 * 1024
  /// What a console accepts from a worker: a snapshot with thousands of
  /// activities in flight.
  public static let maximumWorkerFrame = 64 * 1024 * 1024
  /// How often a worker sends an attached console its snapshot.
  public static let defaultSnapshotInterval: Duration = .milliseconds(250)

  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    encoder.outputFormatting = [.sortedKeys]
    // A rate the server reports as NaN must not make every snapshot unsendable.
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return encoder
  }

  static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .secondsSince1970
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return decoder
  }
}

/// A console (or any tool) to the worker.
public struct ClientMessage: Hashable, Sendable, Codable {
  public enum Kind: String, Hashable, Sendable, Codable {
    /// First, and once: the version spoken and who is asking.
    case hello
    /// One `WorkerCommand`, answered by a `reply` with the same `id`.
    case command
  }

  public var type: Kind
  public var version: Int?
  /// Who connects, for the worker's journal: "gaffer attach", a script's name.
  public var client: String?
  /// False: the worker answers the hello and commands but sends no snapshots.
  public var snapshots: Bool?
  public var id: Int?
  public var command: WorkerCommand?

  public static func hello(client: String, snapshots: Bool = true) -> ClientMessage {
    ClientMessage(type: .hello, version: ControlProtocol.version, client: client, snapshots: snapshots)
  }

  public static func command(_ command: WorkerCommand, id: Int) -> ClientMessage {
    ClientMessage(type: .command, id: id, command: command)
  }
}

/// The worker to a console.
public struct WorkerMessage: Hashable, Sendable, Codable {
  public enum Kind: String, Hashable, Sendable, Codable {
    /// The answer to the console's hello.
    case hello
    /// The worker as it is now; several a second.
    case snapshot
    /// The outcome of one command, with the snapshot taken just after it.
    case reply
    /// A frame the worker could not take; `error` says why. After a
    /// version mismatch or an oversized frame the worker closes the socket.
    case error
    /// The worker is stopping; the socket closes after this.
    case goodbye
  }

  public var type: Kind
  public var version: Int?
  public var worker: WorkerIdentity?
  public var snapshot: WorkerSnapshot?
  public var id: Int?
  public var ok: Bool?
  public var error: String?
  /// With `goodbye`: the code the worker process exits with (0 stopped, 1 failed).
  public var exitCode: Int?
}

/// Which worker a control socket belongs to: what `gaffer attach` lists.
public struct WorkerIdentity: Hashable, Sendable, Codable {
  public var pid: Int32
  public var identity: String
  public var taskQueue: String
  public var namespace: String
  public var lifecycle: String
  public var startedAt: Date?

  public init(pid: Int32, identity: String, taskQueue: String, namespace: String, lifecycle: String, startedAt: Date?) {
    self.pid = pid
    self.identity = identity
    self.taskQueue = taskQueue
    self.namespace = namespace
    self.lifecycle = lifecycle
    self.startedAt = startedAt
  }
}
