internal import Logging

/// One run of a workflow type, type-erased for the driver: it starts the
/// body, applies signals and answers queries on the workflow's state.
protocol WorkflowInstance: AnyObject, Sendable {
  /// Builds the state from the input and creates the body's task on the
  /// run's executor (it runs at the next drain).
  func start(input: [Payload]) throws
  /// Applies a signal; false when the workflow has no handler for it.
  func signal(name: String, input: [Payload]) throws -> Bool
  /// Answers a query from a copy of the state; nil when there is no such query.
  func query(name: String, input: [Payload]) throws -> Payload?
  /// Cancels the body's task (the workflow's cancellation reaching its code).
  func cancel()
  /// The body's outcome once its task has ended.
  var outcome: Result<Payload, any Error>? { get }
  var signalNames: [String] { get }
  var queryNames: [String] { get }
}

/// A workflow definition with its types fixed, before type erasure.
struct TypedWorkflowDefinition<State: Sendable>: Sendable {
  var name: String
  var makeState: @Sendable ([Payload]) throws -> State
  var body: @Sendable (WorkflowContext<State>, [Payload]) async throws -> Payload
  var signals: [WorkflowSignal<State>] = []
  var queries: [WorkflowQuery<State>] = []
}

/// The run of one typed workflow. Touched only on the thread activating
/// the run (see `WorkflowStateBox`).
final class TypedWorkflowInstance<State: Sendable>: WorkflowInstance, @unchecked Sendable {
  private let definition: TypedWorkflowDefinition<State>
  private let core: WorkflowRunCore
  private let logger: Logger
  private var box: WorkflowStateBox<State>?
  private var task: Task<Void, Never>?
  private(set) var outcome: Result<Payload, any Error>?

  init(definition: TypedWorkflowDefinition<State>, core: WorkflowRunCore, logger: Logger) {
    self.definition = definition
    self.core = core
    self.logger = logger
  }

  var signalNames: [String] { self.definition.signals.map(\.name) }
  var queryNames: [String] { self.definition.queries.map(\.name) }

  func start(input: [Payload]) throws {
    let box = WorkflowStateBox(try self.definition.makeState(input))
    self.box = box
    let context = WorkflowContext(core: self.core, box: box, logger: self.logger)
    let body = self.definition.body
    self.task = Task(executorPreference: self.core.executor) {
      let outcome: Result<Payload, any Error>
      do {
        outcome = .success(try await body(context, input))
      } catch {
        outcome = .failure(error)
      }
      self.outcome = outcome
    }
  }

  func signal(name: String, input: [Payload]) throws -> Bool {
    guard let signal = self.definition.signals.first(where: { $0.name == name }), let box = self.box else {
      return false
    }
    try signal.handle(&box.value, input)
    return true
  }

  func query(name: String, input: [Payload]) throws -> Payload? {
    guard let query = self.definition.queries.first(where: { $0.name == name }), let box = self.box else {
      return nil
    }
    return try query.answer(box.value, input)
  }

  func cancel() {
    self.task?.cancel()
  }
}
