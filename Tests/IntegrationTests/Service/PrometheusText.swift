import Foundation

/// A strict reader of the Prometheus text format (0.0.4) for the tests:
/// every line is a comment (`# HELP` / `# TYPE`), blank, or
/// `name{label="value",...} number`; anything else fails the parse.
struct PrometheusText {
  struct Sample: Hashable {
    var name: String
    var labels: [String: String]
    var value: Double
  }

  struct ParseError: Error, CustomStringConvertible {
    var line: String
    var description: String { "not Prometheus text: \(self.line)" }
  }

  var samples: [Sample]

  var names: Set<String> { Set(self.samples.map(\.name)) }

  func value(_ name: String, _ labels: [String: String]) -> Double? {
    self.samples.first { $0.name == name && $0.labels == labels }?.value
  }

  static func parse(_ text: String) throws -> PrometheusText {
    let sample = try Regex(#"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$"#)
    let label = try Regex(#"([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)""#)
    var samples: [Sample] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") { continue }
      guard let match = try sample.wholeMatch(in: String(line)) else { throw ParseError(line: String(line)) }
      let name = String(match.output[1].substring!)
      var labels: [String: String] = [:]
      if let body = match.output[3].substring {
        for found in body.matches(of: label) {
          labels[String(found.output[1].substring!)] = String(found.output[2].substring!)
        }
      }
      let valueText = String(match.output[4].substring!)
      guard let value = Double(valueText) ?? (valueText == "+Inf" ? .infinity : nil) else {
        throw ParseError(line: String(line))
      }
      samples.append(Sample(name: name, labels: labels, value: value))
    }
    return PrometheusText(samples: samples)
  }
}
