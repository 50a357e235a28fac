/// The `grpc-timeout` request header: how long the server has to answer.
/// The gRPC HTTP/2 spec allows at most eight digits and one unit letter;
/// the finest unit that fits is chosen, rounding up so a server never gets
/// less time than the caller gave.
enum GRPCTimeout {
  static let headerName = "grpc-timeout"

  private static let maxValue: Int64 = 99_999_999
  private static let units: [(letter: Character, nanoseconds: Int64)] = [
    ("n", 1), ("u", 1_000), ("m", 1_000_000), ("S", 1_000_000_000), ("M", 60_000_000_000), ("H", 3_600_000_000_000),
  ]

  static func headerValue(for timeout: Duration) -> String {
    let nanoseconds = max(1, timeout.nanoseconds)
    for unit in Self.units {
      let value = (nanoseconds - 1) / unit.nanoseconds + 1
      if value <= Self.maxValue { return "\(value)\(unit.letter)" }
    }
    return "\(Self.maxValue)H"
  }
}
