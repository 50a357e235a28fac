@testable import GafferCore

/// Workflows shaped like the bench worker's contract ones, for unit tests.
enum ContractWorkflows {
  static let chain = Workflow("chain") { (context: WorkflowContext<Void>, count: Int) in
    var same = 0
    for index in 0..<count {
      let echoed: String = try await context.executeActivity(
        "noop", "chain-\(index)", options: ActivityOptions(startToCloseTimeout: .seconds(30)))
      if echoed == "chain-\(index)" { same += 1 }
    }
    return same
  }

  static let fanout = Workflow("fanout") { (context: WorkflowContext<Void>, count: Int) in
    try await withThrowingTaskGroup(of: Bool.self) { group in
      for index in 0..<count {
        group.addTask {
          let echoed: String = try await context.executeActivity(
            "noop", "fan-\(index)", options: ActivityOptions(startToCloseTimeout: .seconds(30)))
          return echoed == "fan-\(index)"
        }
      }
      var same = 0
      for try await equal in group where equal { same += 1 }
      return same
    }
  }

  struct Counter: Sendable {
    var value: Int
    var finished = false
  }

  static let counter = Workflow(
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

  static let sleepForever = Workflow("sleep_forever") { (context: WorkflowContext<Void>) in
    try await context.sleep(for: .seconds(3600))
  }

  static let fail = Workflow("fail") { (context: WorkflowContext<Void>, message: String) in
    throw ApplicationError(message, type: "ContractFailure", nonRetryable: true)
  }
}
