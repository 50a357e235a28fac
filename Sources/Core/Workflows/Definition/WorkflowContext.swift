public import Foundation
public import Logging

/// What workflow code calls instead of the clock, timers, the network and
/// the random generator: everything here is recorded in, or derived from,
/// the workflow's history, so a replay of the code takes the same path.
///
/// Workflow code must not read the wall clock (`Date()`), sleep with
/// `Task.sleep`, start `Task.detached` or unstructured tasks, await other
/// actors, do I/O, use global mutable state or the system random
/// generator: each gives a different answer on replay, or wakes the code
/// at a time history does not fix. `async let` and task groups are fine.
public struct WorkflowContext<State: Sendable>: Sendable {
  let core: WorkflowRunCore
  let box: WorkflowStateBox<State>
  public let logger: Logger

  init(core: WorkflowRunCore, box: WorkflowStateBox<State>, logger: Logger) {
    self.core = core
    self.box = box
    self.logger = logger
  }

  /// The workflow's state: signal handlers change it, queries read it.
  public var state: State {
    get { self.box.value }
    nonmutating set { self.box.value = newValue }
  }

  /// The time the current workflow task started: the workflow's clock.
  public var now: Date { self.core.time }

  /// True while the code re-runs history it already made (after a worker
  /// restart or a cache eviction). The logger is silent then.
  public var isReplaying: Bool { self.core.isReplaying }

  public var info: WorkflowInfo { self.core.info() }

  /// A generator seeded from the run.
  public var random: WorkflowRandom { WorkflowRandom(core: self.core) }

  /// A version-4 UUID drawn from `random`.
  public func uuid() -> UUID {
    var random = self.random
    var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &random) }
    bytes[6] = (bytes[6] & 0x0f) | 0x40
    bytes[8] = (bytes[8] & 0x3f) | 0x80
    return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                       bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
  }

  /// Runs an activity and returns its result. Throws `ActivityError` if it
  /// fails, times out or is cancelled (its `cause` says which), and
  /// `ApplicationError` if its result can't be decoded as `Output`.
  public func executeActivity<each Argument: Encodable, Output: Decodable & SendableMetatype>(
    _ activityType: String,
    _ arguments: repeat each Argument,
    returning: Output.Type = Output.self,
    options: ActivityOptions = ActivityOptions()
  ) async throws -> Output {
    try await self.startActivity(activityType, repeat each arguments, returning: Output.self, options: options).result()
  }

  /// Runs an activity that returns nothing the workflow reads.
  public func executeActivity<each Argument: Encodable>(
    _ activityType: String,
    _ arguments: repeat each Argument,
    options: ActivityOptions = ActivityOptions()
  ) async throws {
    try await self.startActivity(activityType, repeat each arguments, returning: Ignored.self, options: options)
      .completion()
  }

  /// Schedules an activity and returns at once; await `result()` later, or
  /// `cancel()` it.
  public func startActivity<each Argument: Encodable, Output: Decodable & SendableMetatype>(
    _ activityType: String,
    _ arguments: repeat each Argument,
    returning: Output.Type = Output.self,
    options: ActivityOptions = ActivityOptions()
  ) throws -> ActivityHandle<Output> {
    var input: [Payload] = []
    for argument in repeat each arguments {
      input.append(try PayloadConverter.default.payload(for: argument))
    }
    let (seq, signal) = self.core.scheduleActivity(type: activityType, input: input, options: options)
    return ActivityHandle(core: self.core, seq: seq, activityType: activityType, signal: signal)
  }

  /// A durable timer: the server fires it, so it survives worker restarts.
  /// Throws `CancelledError` if the workflow is cancelled while it waits.
  /// A zero or negative duration returns at once.
  public func sleep(for duration: Duration) async throws {
    guard duration > .zero else {
      if Task.isCancelled { throw CancelledError("Timer cancelled") }
      return
    }
    let (seq, signal) = self.core.startTimer(duration: duration)
    let fired = await withTaskCancellationHandler {
      await signal.wait()
    } onCancel: {
      self.core.cancelTimer(seq: seq)
    }
    if !fired { throw CancelledError("Timer cancelled") }
  }

  /// Runs `body` where the workflow's cancellation does not reach it: for
  /// cleanup after a cancel request (Swift's cancellation is sticky, so
  /// an activity started in a cancelled task would be cancelled at once).
  /// Like Go's disconnected context or Python's `asyncio.shield`.
  public func shieldedFromCancellation<Result: Sendable>(
    _ body: @escaping @Sendable () async throws -> Result
  ) async throws -> Result {
    // A new top-level task on the run's executor: created from workflow
    // code on the activating thread, it is as deterministic as a child,
    // but does not inherit the cancellation.
    try await Task(executorPreference: self.core.executor) { try await body() }.value
  }

  /// Waits until `predicate` holds for the workflow's state (checked each
  /// time the code has run as far as it can). Returns false if `timeout`
  /// passed first. Throws `CancelledError` if the workflow is cancelled.
  @discardableResult
  public func condition(
    timeout: Duration? = nil, _ predicate: @escaping @Sendable (State) -> Bool
  ) async throws -> Bool {
    if predicate(self.box.value) { return true }
    let box = self.box
    let (id, signal) = self.core.addCondition(timeout: timeout) { predicate(box.value) }
    let outcome = await withTaskCancellationHandler {
      await signal.wait()
    } onCancel: {
      self.core.cancelCondition(id: id)
    }
    switch outcome {
    case .satisfied: return true
    case .timedOut: return false
    case .cancelled: throw CancelledError("Condition cancelled")
    }
  }
}

/// An activity a workflow started: await its result, or cancel it.
public struct ActivityHandle<Output: Decodable & SendableMetatype>: Sendable {
  let core: WorkflowRunCore
  let seq: Int
  public let activityType: String
  let signal: DeterministicSignal<ActivityResolution>

  /// Waits for the activity. Cancelling the awaiting task cancels the
  /// activity, as its cancellation type says.
  public func result() async throws -> Output {
    switch await self.resolution() {
    case .completed(let payload):
      let payload = payload ?? PayloadArguments.void
      return try WorkflowArguments.decode((Output.self), from: [payload], what: "The result of activity '\(self.activityType)'")
    case .failed(let failure):
      throw FailureConverter.error(from: failure)
    }
  }

  /// Waits for the activity and ignores its result.
  func completion() async throws {
    if case .failed(let failure) = await self.resolution() { throw FailureConverter.error(from: failure) }
  }

  private func resolution() async -> ActivityResolution {
    await withTaskCancellationHandler {
      await self.signal.wait()
    } onCancel: {
      self.core.cancelActivity(seq: self.seq)
    }
  }

  /// Asks for the activity to be cancelled; `result()` then throws an
  /// `ActivityError` whose cause is `CancelledError`.
  public func cancel() {
    self.core.cancelActivity(seq: self.seq)
  }
}

/// The result type of an activity whose result the workflow ignores.
struct Ignored: Decodable, Sendable {}

/// The workflow's state, touched only by the run's code, its signal
/// handlers and queries — all on the thread activating the run, one at a
/// time — which is why it needs no lock.
final class WorkflowStateBox<State>: @unchecked Sendable {
  var value: State

  init(_ value: State) {
    self.value = value
  }
}
