public import Foundation

/// The workers of this user that serve a control socket where Gaffer puts
/// them, each asked who it is: what `gaffer attach` lists and picks from.
public enum ControlDiscovery {
  public struct Found: Hashable, Sendable {
    public var path: String
    public var worker: WorkerIdentity
  }

  /// Live workers, newest socket first. A socket file nobody listens on
  /// (its process was killed) is left out, and so is one that does not
  /// answer within `timeout`.
  public static func workers(environment: [String: String], timeout: Duration = .seconds(1)) -> [Found] {
    ControlSocketPath.candidates(environment: environment).compactMap { path in
      Self.probe(path, timeout: timeout).map { Found(path: path, worker: $0) }
    }
  }

  /// Who listens at `path`, or nil when nothing answers there.
  public static func probe(_ path: String, timeout: Duration = .seconds(1)) -> WorkerIdentity? {
    guard let client = try? ControlClient(connectingTo: path, client: "gaffer attach (probe)", snapshots: false, timeout: timeout)
    else { return nil }
    client.close()
    return client.worker
  }
}
