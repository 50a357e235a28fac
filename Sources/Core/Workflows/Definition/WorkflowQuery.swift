/// A named query a workflow answers from its state. The handler gets a copy
/// of the state, so it cannot change the workflow (keep the state a value
/// type for this to hold).
///
/// ```swift
/// WorkflowQuery("value") { (state: Counter) in state.value }
/// ```
public struct WorkflowQuery<State>: Sendable {
  public let name: String
  let answer: @Sendable (State, [Payload]) throws -> Payload

  public init<Output: Encodable & SendableMetatype>(
    _ name: String, _ handler: @escaping @Sendable (State) throws -> Output
  ) {
    self.name = name
    self.answer = { state, _ in try WorkflowArguments.encode(try handler(state), what: "Query '\(name)'") }
  }

  public init<Input: Decodable & SendableMetatype, Output: Encodable & SendableMetatype>(
    _ name: String, _ handler: @escaping @Sendable (State, Input) throws -> Output
  ) {
    self.name = name
    self.answer = { state, payloads in
      let (input) = try WorkflowArguments.decode((Input.self), from: payloads, what: "Query '\(name)'")
      return try WorkflowArguments.encode(try handler(state, input), what: "Query '\(name)'")
    }
  }
}
