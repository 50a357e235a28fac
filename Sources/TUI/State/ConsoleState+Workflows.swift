internal import Foundation
internal import GafferCore

/// The keys that steer the workflow side: its own pause and its own slots.
extension ConsoleState {
  mutating func toggleWorkflowPolling(live: WorkerSnapshot, now: Date) -> [ConsoleEffect] {
    guard let workflows = live.workflows else {
      self.say("This worker runs no workflows: w has nothing to pause.", .warn, now)
      return []
    }
    switch live.lifecycle {
    case .running, .starting, .paused:
      if workflows.paused {
        self.say("Workflow polling resumed.", .ok, now)
        return [.send(.resumeWorkflowPolling)]
      }
      self.say("Workflow polling paused; workflow tasks in flight finish, activities go on.", .paused, now)
      return [.send(.pauseWorkflowPolling)]
    case .draining, .stopped, .failed:
      self.say("Can't pause or resume workflow polling: the worker is \(live.lifecycle).", .warn, now)
      return []
    }
  }

  mutating func changeMaxConcurrentWorkflowTasks(by delta: Int, live: WorkerSnapshot, now: Date) -> [ConsoleEffect] {
    guard let workflows = live.workflows else {
      self.say("This worker runs no workflows: there are no workflow-task slots to resize.", .warn, now)
      return []
    }
    let current = workflows.slotsMaximum
    let target = max(1, current + delta)
    guard target != current else {
      self.say(
        "Max concurrent workflow tasks is already 1, the minimum. Pause workflow polling (w) to stop taking workflow tasks.",
        .warn, now)
      return []
    }
    self.say("Max concurrent workflow tasks \(current) → \(target).", .ok, now)
    return [.send(.setMaxConcurrentWorkflowTasks(target))]
  }
}
