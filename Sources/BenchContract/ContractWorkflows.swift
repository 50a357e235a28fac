public import GafferCore

/// The contract's workflows, exactly as issue 15's table names them. Kept
/// in a library so the replay tests run the very code the worker runs.
public enum ContractWorkflows {
  public static let all = [chain, fanout, timer, counter, fail, sleepForever]

  public static let activityOptions = ActivityOptions(startToCloseTimeout: .seconds(30))

  public static let chain = Workflow("chain") { (context: WorkflowContext<Void>, count: Int) in
    var same = 0
    for index in 0..<max(count, 0) {
      let echoed: String = try await context.executeActivity("noop", "chain-\(index)", options: activityOptions)
      if echoed == "chain-\(index)" { same += 1 }
    }
    return same
  }

  public static let fanout = Workflow("fanout") { (context: WorkflowContext<Void>, count: Int) in
    try await withThrowingTaskGroup(of: Bool.self) { group in
      for index in 0..<max(count, 0) {
        group.addTask {
          let echoed: String = try await context.executeActivity("noop", "fan-\(index)", options: activityOptions)
          return echoed == "fan-\(index)"
        }
      }
      var same = 0
      for try await equal in group where equal { same += 1 }
      return same
    }
  }

  public static let timer = Workflow("timer") { (context: WorkflowContext<Void>, milliseconds: Int) in
    try await context.sleep(for: .milliseconds(milliseconds))
    return milliseconds
  }

  public struct Counter: Sendable {
    var value: Int
    var finished = false
  }

  public static let counter = Workflow(
    "counter", state: { (start: Int) in Counter(value: start) },
    signals: [
      WorkflowSignal("add") { (state: inout Counter, amount: Int) in state.value += amount },
      WorkflowSignal("finish") { (state: inout Counter) in state.finished = true },
    ],
    queries: [WorkflowQuery("value") { (state: Counter) in state.value }]
  ) { (context, _: Int) in
    try await context.condition { $0.finished }
    return context.state.value
  }

  public static let fail = Workflow("fail") { (_: WorkflowContext<Void>, message: String) in
    throw ApplicationError(message, type: "ContractFailure", nonRetryable: true)
  }

  public static let sleepForever = Workflow("sleep_forever") { (context: WorkflowContext<Void>) in
    try await context.sleep(for: .seconds(3600))
  }
}
