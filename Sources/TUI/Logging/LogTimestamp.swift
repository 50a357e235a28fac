internal import Foundation

/// A log line's time in UTC, ISO 8601 with milliseconds
/// (`2026-12-03T06:47:17.269Z`), formatted by hand: Foundation's
/// `ISO8601DateFormatter` builds a formatter per call and pulls ICU's
/// tables into memory (≈ 5 MiB resident in every worker that logs a line).
enum LogTimestamp {
  static func string(from date: Date) -> String {
    // To the nearest millisecond: a time like .269 is not exact in binary.
    let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
    let (quotient, remainder) = total.quotientAndRemainder(dividingBy: 1000)
    var seconds = time_t(remainder < 0 ? quotient - 1 : quotient)
    let milliseconds = Int(remainder < 0 ? remainder + 1000 : remainder)
    var fields = tm()
    gmtime_r(&seconds, &fields)
    var text = ""
    text.reserveCapacity(24)
    func append(_ value: Int, digits: Int) {
      let decimal = String(value)
      text += String(repeating: "0", count: max(0, digits - decimal.count)) + decimal
    }
    append(Int(fields.tm_year) + 1900, digits: 4)
    text += "-"
    append(Int(fields.tm_mon) + 1, digits: 2)
    text += "-"
    append(Int(fields.tm_mday), digits: 2)
    text += "T"
    append(Int(fields.tm_hour), digits: 2)
    text += ":"
    append(Int(fields.tm_min), digits: 2)
    text += ":"
    append(Int(fields.tm_sec), digits: 2)
    text += "."
    append(milliseconds, digits: 3)
    text += "Z"
    return text
  }
}
