internal import Foundation

/// How many activity long polls a worker keeps open.
public enum PollerBehavior: Hashable, Sendable, CustomStringConvertible {
  /// Always this many (the official SDKs' default is 5).
  case fixed(Int)
  /// Starts at `initial` and follows the server's suggestions within
  /// `minimum...maximum`: more polls while more work keeps arriving, fewer
  /// when polls come back empty or fail. The rules are sdk-core's.
  case autoscaling(minimum: Int, initial: Int, maximum: Int)

  /// The most polls a worker keeps open: they share one HTTP/2 connection,
  /// which swift-nio-http2 lets carry 100 streams at once.
  public static let maximumPolls = 100

  /// The official SDKs' autoscaling defaults.
  public static let autoscalingDefault = PollerBehavior.autoscaling(minimum: 1, initial: 5, maximum: 100)

  /// How many polls run at first.
  public var initial: Int {
    switch self {
    case .fixed(let count): count
    case .autoscaling(_, let initial, _): initial
    }
  }

  public var isAutoscaling: Bool {
    if case .autoscaling = self { return true }
    return false
  }

  /// As `ACTIVITY_POLLERS` takes it: `5`, `auto` or `auto:1,5,100`.
  public var description: String {
    switch self {
    case .fixed(let count): "\(count)"
    case .autoscaling(let minimum, let initial, let maximum): "auto:\(minimum),\(initial),\(maximum)"
    }
  }

  /// Parses `N`, `auto` (1, 5, 100) or `auto:MIN,INITIAL,MAX`; nil if the
  /// text is none of those or the numbers don't fit (1 ≤ MIN ≤ INITIAL ≤
  /// MAX ≤ 100).
  public init?(parsing text: String) {
    let text = text.trimmingCharacters(in: .whitespaces).lowercased()
    if let count = Int(text) {
      guard (1...Self.maximumPolls).contains(count) else { return nil }
      self = .fixed(count)
      return
    }
    if text == "auto" {
      self = .autoscalingDefault
      return
    }
    guard text.hasPrefix("auto:") else { return nil }
    let numbers = text.dropFirst("auto:".count).split(separator: ",", omittingEmptySubsequences: false)
      .map { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard numbers.count == 3, let minimum = numbers[0], let initial = numbers[1], let maximum = numbers[2],
      minimum >= 1, minimum <= initial, initial <= maximum, maximum <= Self.maximumPolls
    else { return nil }
    self = .autoscaling(minimum: minimum, initial: initial, maximum: maximum)
  }

  /// Why the behaviour can't work, or nil.
  var problem: String? {
    switch self {
    case .fixed(let count) where !(1...Self.maximumPolls).contains(count):
      return "\(count) pollers: use 1 to \(Self.maximumPolls)"
    case .autoscaling(let minimum, let initial, let maximum)
    where !(1 <= minimum && minimum <= initial && initial <= maximum && maximum <= Self.maximumPolls):
      return "autoscaling \(minimum), \(initial), \(maximum): use 1 ≤ minimum ≤ initial ≤ maximum ≤ \(Self.maximumPolls)"
    default:
      return nil
    }
  }
}
