/// Decodes payloads into a body's parameters and encodes its result, with
/// failures that name the body ("Activity 'charge'", "Signal 'add'") and
/// the argument. Failures are non-retryable application errors whose type
/// starts with `kind` ("ActivityInputDecodingFailed", …).
enum PayloadArguments {
  /// The result of a body that returns nothing: one `binary/null` payload,
  /// since callers expect exactly one.
  static var void: Payload { PayloadConverter.make(.null, data: .init()) }

  static func decode<each Argument: Decodable>(
    _ types: (repeat (each Argument).Type),
    from payloads: [Payload],
    what: String,
    kind: String
  ) throws(ApplicationError) -> (repeat each Argument) {
    var expected = 0
    var required = 0
    for type in repeat each types {
      expected += 1
      if !(type is any OptionalValue.Type) { required = expected }
    }
    guard payloads.count >= required && payloads.count <= expected else {
      let wanted = required == expected ? "\(expected)" : "\(required) to \(expected)"
      throw ApplicationError(
        "\(what) takes \(wanted) argument\(expected == 1 ? "" : "s") but was called with \(payloads.count).",
        type: "\(kind)ArgumentCountMismatch", nonRetryable: true)
    }
    var position = 0
    func next<Value: Decodable>(_ type: Value.Type) throws(ApplicationError) -> Value {
      defer { position += 1 }
      guard position < payloads.count else {
        // Only optional trailing parameters get here (checked above).
        return (Value.self as! any OptionalValue.Type).nilValue as! Value
      }
      do {
        return try PayloadConverter.default.value(Value.self, from: payloads[position])
      } catch {
        throw ApplicationError(
          "\(what) can't decode argument \(position + 1) of \(expected) as \(Value.self): \(error.message)",
          type: "\(kind)InputDecodingFailed", nonRetryable: true)
      }
    }
    return (repeat try next((each Argument).self))
  }

  static func encode<Output: Encodable>(_ output: Output, what: String, kind: String) throws(ApplicationError) -> Payload {
    do {
      return try PayloadConverter.default.payload(for: output)
    } catch {
      throw ApplicationError(
        "\(what) returned a \(Output.self) that can't be encoded: \(error.message)",
        type: "\(kind)ResultEncodingFailed", nonRetryable: true)
    }
  }
}
