internal import Foundation

/// Turns Swift values into payloads and back, the way the official SDKs'
/// default converter does: nil becomes `binary/null`, `Data` and `[UInt8]`
/// become `binary/plain`, everything else `json/plain` (compact, sorted keys,
/// so the bytes match what the Python SDK writes for the same value).
public struct PayloadConverter: Sendable {
  public static let `default` = PayloadConverter()

  public init() {}

  public func payload<Value: Encodable>(for value: Value) throws(PayloadConversionError) -> Payload {
    if let optional = value as? any OptionalValue, optional.isNone {
      return Self.make(.null, data: Data())
    }
    if let data = value as? Data {
      return Self.make(.bytes, data: data)
    }
    if let bytes = value as? [UInt8] {
      return Self.make(.bytes, data: Data(bytes))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    do {
      return Self.make(.json, data: try encoder.encode(value))
    } catch {
      throw PayloadConversionError("Can't encode a \(Value.self) as JSON: \(Self.describe(error)).")
    }
  }

  public func value<Value: Decodable>(_ type: Value.Type = Value.self, from payload: Payload) throws(PayloadConversionError) -> Value {
    let encodingName = payload.encoding
    switch encodingName.flatMap(PayloadEncoding.init(rawValue:)) {
    case .null:
      if let none = (Value.self as? any OptionalValue.Type)?.nilValue as? Value { return none }
      throw PayloadConversionError("Can't decode a \(Value.self) from a null payload (binary/null): the value is missing. Declare the argument optional to accept nil.")
    case .bytes:
      if Value.self == Data.self, let data = payload.data as? Value { return data }
      if Value.self == [UInt8].self, let bytes = [UInt8](payload.data) as? Value { return bytes }
      throw PayloadConversionError("Can't decode a \(Value.self) from raw bytes (binary/plain): only Data and [UInt8] take raw bytes.")
    case .json:
      let decoder = JSONDecoder()
      decoder.dateDecodingStrategy = .iso8601
      do {
        return try decoder.decode(Value.self, from: payload.data)
      } catch {
        throw PayloadConversionError("Can't decode a \(Value.self) from JSON \(Self.excerpt(payload.data)): \(Self.describe(error)).")
      }
    case nil:
      let shown = encodingName.map { "'\($0)'" } ?? "none"
      let known = PayloadEncoding.allCases.map(\.rawValue).joined(separator: ", ")
      throw PayloadConversionError("Can't decode a \(Value.self) from a payload with encoding \(shown): Gaffer reads \(known).")
    }
  }

  static func make(_ encoding: PayloadEncoding, data: Data) -> Payload {
    Payload(metadata: [Payload.encodingKey: Data(encoding.rawValue.utf8)], data: data)
  }

  /// At most 80 characters of the JSON, for messages.
  static func excerpt(_ data: Data) -> String {
    let text = String(decoding: data.prefix(81), as: UTF8.self)
    return text.count > 80 ? "\(text.prefix(80))…" : text
  }

  /// DecodingError's own description is a dump of its context; this says
  /// what was wrong and where, in one line.
  static func describe(_ error: any Error) -> String {
    func path(_ codingPath: [any CodingKey]) -> String {
      codingPath.isEmpty ? "the top level" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case DecodingError.typeMismatch(let type, let context):
      return "expected \(type) at \(path(context.codingPath))"
    case DecodingError.valueNotFound(let type, let context):
      return "expected \(type) at \(path(context.codingPath)) but found null"
    case DecodingError.keyNotFound(let key, let context):
      return "the key '\(key.stringValue)' is missing at \(path(context.codingPath))"
    case DecodingError.dataCorrupted(let context):
      return "\(context.debugDescription) at \(path(context.codingPath))"
    case EncodingError.invalidValue(let value, let context):
      return "\(value) can't be encoded at \(path(context.codingPath)): \(context.debugDescription)"
    default:
      return "\(error)"
    }
  }
}

/// Lets the converter tell nil from a value without knowing the wrapped type.
protocol OptionalValue {
  var isNone: Bool { get }
  static var nilValue: Self { get }
}

extension Optional: OptionalValue {
  var isNone: Bool { self == nil }
  static var nilValue: Self { nil }
}
