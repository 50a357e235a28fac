internal import Logging

/// One workflow type the worker can run: a name, a body, and the signals and
/// queries it answers.
///
/// ```swift
/// let chain = Workflow("chain") { (context: WorkflowContext<Void>, count: Int) in
///   var same = 0
///   for index in 1...count {
///     let echoed: String = try await context.executeActivity("noop", "chain-\(index)")
///     if echoed == "chain-\(index)" { same += 1 }
///   }
///   return same
/// }
///
/// struct Counter { var value: Int; var finished = false }
/// let counter = Workflow(
///   "counter", state: { (start: Int) in Counter(value: start) },
///   signals: [
///     WorkflowSignal("add") { (state: inout Counter, amount: Int) in state.value += amount },
///     WorkflowSignal("finish") { (state: inout Counter) in state.finished = true },
///   ],
///   queries: [WorkflowQuery("value") { (state: Counter) in state.value }]
/// ) { (context, _: Int) in
///   try await context.condition { $0.finished }
///   return context.state.value
/// }
/// ```
///
/// The body runs deterministically: see `WorkflowContext` for what it may
/// and may not call. Throwing `ApplicationError` (or an `ActivityError`
/// passed on) fails the workflow; any other error fails the workflow task,
/// which the server retries, so a bug can be fixed and redeployed without
/// losing the workflow.
public struct Workflow: Sendable {
  /// The workflow type name clients start.
  public let name: String
  /// Where the workflow was defined, to tell registrations apart in messages.
  public let origin: String
  public let signalNames: [String]
  public let queryNames: [String]
  let makeInstance: @Sendable (WorkflowRunCore, Logger) -> any WorkflowInstance

  init(
    name: String, origin: String, signalNames: [String], queryNames: [String],
    makeInstance: @escaping @Sendable (WorkflowRunCore, Logger) -> any WorkflowInstance
  ) {
    precondition(!name.isEmpty, "a workflow needs a name")
    self.name = name
    self.origin = origin
    self.signalNames = signalNames
    self.queryNames = queryNames
    self.makeInstance = makeInstance
  }

  /// A workflow with state that signals change and queries read.
  public init<State: Sendable, Input: Decodable & SendableMetatype, Output: Encodable & SendableMetatype>(
    _ name: String,
    fileID: String = #fileID,
    line: Int = #line,
    state makeState: @escaping @Sendable (Input) throws -> State,
    signals: [WorkflowSignal<State>] = [],
    queries: [WorkflowQuery<State>] = [],
    _ body: @escaping @Sendable (WorkflowContext<State>, Input) async throws -> Output
  ) {
    let what = "Workflow '\(name)'"
    let definition = TypedWorkflowDefinition<State>(
      name: name,
      makeState: { payloads in
        let (input) = try WorkflowArguments.decode((Input.self), from: payloads, what: what)
        return try makeState(input)
      },
      body: { context, payloads in
        let (input) = try WorkflowArguments.decode((Input.self), from: payloads, what: what)
        return try WorkflowArguments.encode(try await body(context, input), what: what)
      },
      signals: signals, queries: queries)
    self.init(definition, origin: "\(fileID):\(line)")
  }

  /// A workflow with one argument and no state of its own.
  public init<Input: Decodable & SendableMetatype, Output: Encodable & SendableMetatype>(
    _ name: String,
    fileID: String = #fileID,
    line: Int = #line,
    _ body: @escaping @Sendable (WorkflowContext<Void>, Input) async throws -> Output
  ) {
    let what = "Workflow '\(name)'"
    self.init(
      TypedWorkflowDefinition<Void>(
        name: name, makeState: { _ in () },
        body: { context, payloads in
          let (input) = try WorkflowArguments.decode((Input.self), from: payloads, what: what)
          return try WorkflowArguments.encode(try await body(context, input), what: what)
        }),
      origin: "\(fileID):\(line)")
  }

  /// A workflow with one argument that returns nothing.
  public init<Input: Decodable & SendableMetatype>(
    _ name: String,
    fileID: String = #fileID,
    line: Int = #line,
    _ body: @escaping @Sendable (WorkflowContext<Void>, Input) async throws -> Void
  ) {
    let what = "Workflow '\(name)'"
    self.init(
      TypedWorkflowDefinition<Void>(
        name: name, makeState: { _ in () },
        body: { context, payloads in
          let (input) = try WorkflowArguments.decode((Input.self), from: payloads, what: what)
          try await body(context, input)
          return PayloadArguments.void
        }),
      origin: "\(fileID):\(line)")
  }

  /// A workflow without arguments that returns nothing.
  public init(
    _ name: String,
    fileID: String = #fileID,
    line: Int = #line,
    _ body: @escaping @Sendable (WorkflowContext<Void>) async throws -> Void
  ) {
    self.init(
      TypedWorkflowDefinition<Void>(
        name: name, makeState: { _ in () },
        body: { context, _ in
          try await body(context)
          return PayloadArguments.void
        }),
      origin: "\(fileID):\(line)")
  }

  init<State: Sendable>(_ definition: TypedWorkflowDefinition<State>, origin: String) {
    self.init(
      name: definition.name, origin: origin, signalNames: definition.signals.map(\.name),
      queryNames: definition.queries.map(\.name)
    ) { core, logger in
      TypedWorkflowInstance(definition: definition, core: core, logger: logger)
    }
  }
}
