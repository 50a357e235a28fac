internal import Foundation
internal import Synchronization
internal import TemporalAPI

/// What a run's code and its driver share: the command machines, the
/// awaitables the code waits on, workflow time and the random generator.
/// The code reaches it through `WorkflowContext`; the driver resolves its
/// awaitables between drains, in history order.
final class WorkflowRunCore: Sendable {
  enum ConditionOutcome: Sendable {
    case satisfied
    case timedOut
    case cancelled
  }

  private enum TimerWaiter {
    case sleep(DeterministicSignal<Bool>)
    case conditionTimeout(conditionID: Int)
  }

  private struct Condition {
    var id: Int
    var predicate: @Sendable () -> Bool
    var signal: DeterministicSignal<ConditionOutcome>
    var timerSeq: Int?
  }

  private struct State {
    var machines: WorkflowMachines
    var activityWaiters: [Int: DeterministicSignal<ActivityResolution>] = [:]
    var timerWaiters: [Int: TimerWaiter] = [:]
    var conditions: [Condition] = []
    var nextConditionID = 1
    var time: Date
    var isReplaying = true
    var historyLength: Int64 = 0
    var random = SplitMix64(seed: 0)
    var cancelRequested = false
    var start: WorkflowStart?
    /// Evicted: every awaitable resolves at once, as cancelled.
    var abandoned = false
  }

  let executor = WorkflowExecutor()
  let workflowID: String
  let runID: String
  let namespace: String
  private let state: Mutex<State>

  init(workflowID: String, runID: String, namespace: String, taskQueue: String) {
    self.workflowID = workflowID
    self.runID = runID
    self.namespace = namespace
    self.state = Mutex(State(machines: WorkflowMachines(workflowTaskQueue: taskQueue), time: Date(timeIntervalSince1970: 0)))
  }

  // MARK: The driver's side

  func withMachines<Result>(_ body: (inout WorkflowMachines) throws -> Result) rethrows -> Result {
    try self.state.withLock { try body(&$0.machines) }
  }

  func beginActivation(time: Date, isReplaying: Bool, historyLength: Int64) {
    self.state.withLock {
      $0.time = time
      $0.isReplaying = isReplaying
      $0.historyLength = historyLength
    }
  }

  func started(_ start: WorkflowStart) {
    self.state.withLock {
      $0.start = start
      $0.random = SplitMix64(seed: start.randomSeed)
    }
  }

  func requestCancel() {
    self.state.withLock { $0.cancelRequested = true }
  }

  var cancelRequested: Bool { self.state.withLock { $0.cancelRequested } }

  func resolveActivity(seq: Int, _ resolution: ActivityResolution) {
    let waiter = self.state.withLock { $0.activityWaiters.removeValue(forKey: seq) }
    waiter?.resolve(resolution)
  }

  func fireTimer(seq: Int) {
    let waiter = self.state.withLock { state -> TimerWaiter? in state.timerWaiters.removeValue(forKey: seq) }
    switch waiter {
    case .sleep(let signal): signal.resolve(true)
    case .conditionTimeout(let id): self.endCondition(id: id, .timedOut)
    case nil: break
    }
  }

  /// Resolves every condition whose predicate holds now, oldest first;
  /// returns how many. Predicates run outside the lock: they read the
  /// workflow's state, never this.
  func resolveSatisfiedConditions() -> Int {
    let conditions = self.state.withLock { $0.conditions }
    var resolved = 0
    for condition in conditions where condition.predicate() {
      self.endCondition(id: condition.id, .satisfied)
      resolved += 1
    }
    return resolved
  }

  /// Awaitables the code is waiting on that history can still resolve.
  var openAwaitables: Int {
    self.state.withLock { $0.activityWaiters.count + $0.timerWaiters.count + $0.conditions.count }
  }

  /// The run is evicted: resolves everything the code waits on as
  /// cancelled, and whatever it awaits from now on, so its tasks unwind.
  func abandonAll() {
    let (activities, timers, conditions) = self.state.withLock { state in
      state.abandoned = true
      defer {
        state.activityWaiters = [:]
        state.timerWaiters = [:]
        state.conditions = []
      }
      return (Array(state.activityWaiters.values), Array(state.timerWaiters.values), state.conditions.map(\.signal))
    }
    for waiter in activities { waiter.resolve(.failed(Self.evictedFailure)) }
    for case .sleep(let signal) in timers { signal.resolve(false) }
    for signal in conditions { signal.resolve(.cancelled) }
  }

  static let evictedFailure: Temporal_Api_Failure_V1_Failure = {
    var failure = Temporal_Api_Failure_V1_Failure()
    failure.message = "workflow run evicted from the worker's cache"
    failure.canceledFailureInfo = .init()
    return failure
  }()

  // MARK: The code's side (through WorkflowContext)

  var time: Date { self.state.withLock { $0.time } }
  var isReplaying: Bool { self.state.withLock { $0.isReplaying } }

  func nextRandom() -> UInt64 { self.state.withLock { $0.random.next() } }

  func info() -> WorkflowInfo {
    self.state.withLock { state in
      WorkflowInfo(
        workflowID: self.workflowID, runID: self.runID, workflowType: state.start?.workflowType ?? "",
        namespace: self.namespace, taskQueue: state.machines.workflowTaskQueue, attempt: state.start?.attempt ?? 1,
        historyLength: Int(state.historyLength), startTime: state.start?.startTime ?? Date(timeIntervalSince1970: 0))
    }
  }

  func scheduleActivity(type: String, input: [Payload], options: ActivityOptions) -> (Int, DeterministicSignal<ActivityResolution>) {
    let signal = DeterministicSignal<ActivityResolution>()
    let (seq, abandoned) = self.state.withLock { state in
      let seq = state.machines.scheduleActivity(type: type, input: input, options: options)
      if !state.abandoned { state.activityWaiters[seq] = signal }
      return (seq, state.abandoned)
    }
    if abandoned { signal.resolve(.failed(Self.evictedFailure)) }
    return (seq, signal)
  }

  func cancelActivity(seq: Int) {
    let (now, waiter) = self.state.withLock { state -> (ActivityResolution?, DeterministicSignal<ActivityResolution>?) in
      guard let resolution = state.machines.cancelActivity(seq: seq) else { return (nil, nil) }
      return (resolution, state.activityWaiters.removeValue(forKey: seq))
    }
    if let now, let waiter { waiter.resolve(now) }
  }

  func startTimer(duration: Duration) -> (Int, DeterministicSignal<Bool>) {
    let signal = DeterministicSignal<Bool>()
    let (seq, abandoned) = self.state.withLock { state in
      let seq = state.machines.startTimer(duration: duration)
      if !state.abandoned { state.timerWaiters[seq] = .sleep(signal) }
      return (seq, state.abandoned)
    }
    if abandoned { signal.resolve(false) }
    return (seq, signal)
  }

  func cancelTimer(seq: Int) {
    let waiter = self.state.withLock { state -> TimerWaiter? in
      guard state.machines.cancelTimer(seq: seq) else { return nil }
      return state.timerWaiters.removeValue(forKey: seq)
    }
    if case .sleep(let signal) = waiter { signal.resolve(false) }
  }

  func addCondition(
    timeout: Duration?, _ predicate: @escaping @Sendable () -> Bool
  ) -> (Int, DeterministicSignal<ConditionOutcome>) {
    let signal = DeterministicSignal<ConditionOutcome>()
    let id = self.state.withLock { state in
      let id = state.nextConditionID
      state.nextConditionID += 1
      var timerSeq: Int?
      if let timeout {
        let seq = state.machines.startTimer(duration: timeout)
        state.timerWaiters[seq] = .conditionTimeout(conditionID: id)
        timerSeq = seq
      }
      if !state.abandoned {
        state.conditions.append(Condition(id: id, predicate: predicate, signal: signal, timerSeq: timerSeq))
      }
      return (id, state.abandoned)
    }
    if id.1 { signal.resolve(.cancelled) }
    return (id.0, signal)
  }

  func cancelCondition(id: Int) {
    self.endCondition(id: id, .cancelled)
  }

  private func endCondition(id: Int, _ outcome: ConditionOutcome) {
    let signal = self.state.withLock { state -> DeterministicSignal<ConditionOutcome>? in
      guard let index = state.conditions.firstIndex(where: { $0.id == id }) else { return nil }
      let condition = state.conditions.remove(at: index)
      if let seq = condition.timerSeq, outcome != .timedOut {
        state.timerWaiters[seq] = nil
        _ = state.machines.cancelTimer(seq: seq)
      }
      return condition.signal
    }
    signal?.resolve(outcome)
  }
}
