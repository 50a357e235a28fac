/// Why a history did not replay: the code diverged from it
/// (nondeterminism), the code failed, or the history could not be read.
public struct ReplayError: Error, Hashable, Sendable, CustomStringConvertible {
  public enum Kind: Hashable, Sendable {
    /// The code produced other commands than history records.
    case nondeterminism
    /// The code threw, broke a determinism rule, or history holds what
    /// the engine does not support.
    case workflowTaskFailure
    /// Not a history `temporal workflow show -o json` writes, or a
    /// workflow type the replayer does not have.
    case unreadableHistory
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { self.message }
}
