/// Decodes a workflow's, signal's or query's payloads and encodes results,
/// with failures that name them ("Workflow 'chain'", "Signal 'add'").
enum WorkflowArguments {
  static func decode<each Argument: Decodable>(
    _ types: (repeat (each Argument).Type),
    from payloads: [Payload],
    what: String
  ) throws(ApplicationError) -> (repeat each Argument) {
    try PayloadArguments.decode((repeat (each Argument).self), from: payloads, what: what, kind: "Workflow")
  }

  static func encode<Output: Encodable>(_ output: Output, what: String) throws(ApplicationError) -> Payload {
    try PayloadArguments.encode(output, what: what, kind: "Workflow")
  }
}
