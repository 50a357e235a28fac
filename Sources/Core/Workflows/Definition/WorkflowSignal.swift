/// A named signal a workflow accepts: its handler changes the workflow's
/// state at once, in history order, before the workflow's code runs again.
///
/// ```swift
/// WorkflowSignal("add") { (state: inout Counter, amount: Int) in state.value += amount }
/// WorkflowSignal("finish") { (state: inout Counter) in state.finished = true }
/// ```
///
/// A handler that throws `ApplicationError` fails the workflow; any other
/// error fails the workflow task (retried once the code is fixed). A signal
/// whose input can't be decoded is dropped with a warning, as the official
/// SDKs do.
public struct WorkflowSignal<State>: Sendable {
  public let name: String
  let handle: @Sendable (inout State, [Payload]) throws -> Void

  public init<Input: Decodable & SendableMetatype>(
    _ name: String, _ handler: @escaping @Sendable (inout State, Input) throws -> Void
  ) {
    self.name = name
    self.handle = { state, payloads in
      let (input) = try WorkflowArguments.decode((Input.self), from: payloads, what: "Signal '\(name)'")
      try handler(&state, input)
    }
  }

  public init(_ name: String, _ handler: @escaping @Sendable (inout State) throws -> Void) {
    self.name = name
    self.handle = { state, _ in try handler(&state) }
  }
}
