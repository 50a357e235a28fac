internal import Foundation

/// A `DecodingError` as one line for a peer: what was wrong and where.
enum ControlDecodingError {
  static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    switch error {
    case .dataCorrupted(let context):
      return Self.at(context, context.debugDescription)
    case .keyNotFound(let key, let context):
      return Self.at(context, "missing '\(key.stringValue)'")
    case .typeMismatch(let type, let context):
      return Self.at(context, "expected \(type)")
    case .valueNotFound(let type, let context):
      return Self.at(context, "expected \(type), found null")
    @unknown default:
      return "\(error)"
    }
  }

  private static func at(_ context: DecodingError.Context, _ what: String) -> String {
    let path = context.codingPath.map(\.stringValue).joined(separator: ".")
    return path.isEmpty ? what : "\(path): \(what)"
  }
}
