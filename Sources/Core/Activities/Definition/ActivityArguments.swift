/// Decodes an activity's payloads into its parameters and encodes its
/// result, with failures that name the activity and the argument.
enum ActivityArguments {
  static var void: Payload { PayloadArguments.void }

  static func decode<each Argument: Decodable>(
    _ types: (repeat (each Argument).Type),
    from payloads: [Payload],
    activity: String
  ) throws(ApplicationError) -> (repeat each Argument) {
    try PayloadArguments.decode((repeat (each Argument).self), from: payloads, what: "Activity '\(activity)'", kind: "Activity")
  }

  static func encode<Output: Encodable>(_ output: Output, activity: String) throws(ApplicationError) -> Payload {
    try PayloadArguments.encode(output, what: "Activity '\(activity)'", kind: "Activity")
  }
}
