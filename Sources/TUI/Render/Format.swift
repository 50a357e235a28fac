internal import Foundation

/// Short, fixed-style numbers for narrow columns.
enum Format {
  /// `340ms`, `4.2s`, `1m05s`, `2h03m`, `3d04h`.
  static func duration(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let totalMilliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    if totalMilliseconds < 0 { return "0s" }
    if totalMilliseconds < 1000 { return "\(totalMilliseconds)ms" }
    if totalMilliseconds < 10_000 {
      let tenths = totalMilliseconds / 100
      return "\(tenths / 10).\(tenths % 10)s"
    }
    return Self.seconds(Double(seconds))
  }

  /// Whole-second ages and lengths: `7s`, `1m05s`, `2h03m`, `3d04h`.
  static func seconds(_ value: Double) -> String {
    let total = max(0, Int(value.rounded(.down)))
    if total < 60 { return "\(total)s" }
    if total < 3600 { return "\(total / 60)m\(Self.twoDigits(total % 60))s" }
    if total < 86_400 { return "\(total / 3600)h\(Self.twoDigits(total % 3600 / 60))m" }
    return "\(total / 86_400)d\(Self.twoDigits(total % 86_400 / 3600))h"
  }

  static func interval(from start: Date, to end: Date) -> String {
    Self.seconds(end.timeIntervalSince(start))
  }

  /// A countdown as `m:ss`.
  static func countdown(_ value: Double) -> String {
    let total = max(0, Int(value.rounded(.up)))
    return "\(total / 60):\(Self.twoDigits(total % 60))"
  }

  /// `12.3` below 100, whole numbers above.
  static func rate(_ value: Double) -> String {
    if value >= 100 { return String(Int(value.rounded())) }
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// `96%`, rounded down: a few misses in many lookups must not read as `100%`.
  static func percent(_ part: Int, of whole: Int) -> String {
    guard whole > 0 else { return "-" }
    return "\(part * 100 / whole)%"
  }

  /// `1,234,567`.
  static func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return value < 0 ? "-" + grouped : grouped
  }

  /// The wall clock in UTC, `HH:MM:SS`: a console's clock must not depend on
  /// the machine's time zone for golden screens to be stable.
  static func clock(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let day = ((seconds % 86_400) + 86_400) % 86_400
    return "\(Self.twoDigits(day / 3600)):\(Self.twoDigits(day % 3600 / 60)):\(Self.twoDigits(day % 60))Z"
  }

  private static func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}
