internal import Foundation
internal import TemporalAPI

/// One workflow task, start to report: find or rebuild the run, apply the
/// new events on an activation thread, answer the queries, and report
/// exactly once — a completion, or (on the first attempt only) a failure.
extension WorkflowTaskWorker {
  func process(_ task: WorkflowTask, eagerActivities: (any EagerActivityExecutor)? = nil) async {
    if let query = task.legacyQuery {
      await self.answerLegacyQuery(query, task: task)
      return
    }
    // No task has started before this one: a new run, nothing to miss.
    let isFirstTask = task.previousStartedEventID == 0
    let cached = self.cache.withLock { $0.take(runID: task.runID, isFirstTask: isFirstTask) }
    if cached != nil {
      self.metrics.cacheHits.increment()
    } else if !isFirstTask {
      self.metrics.cacheMisses.increment()
    }
    self.state.withLock {
      $0.inFlight[task.token] = InFlightWorkflowTask(
        workflowID: task.workflowID, runID: task.runID, workflowType: task.workflowType, attempt: task.attempt,
        startedAt: Date(), cached: cached != nil)
    }
    defer { _ = self.state.withLock { $0.inFlight.removeValue(forKey: task.token) } }

    let outcome = await self.runTask(task, cached: cached)
    switch outcome {
    case .completed(let run, let commands, let answers):
      var completion = WorkflowTaskCompletion(
        token: task.token, commands: commands, stickyQueue: self.stickyQueue,
        stickyScheduleToStartTimeout: Self.stickyScheduleToStartTimeout, queryAnswers: answers,
        workerInstanceKey: self.options.workerInstanceKey, taskQueue: self.options.taskQueue)
      let reserved = eagerActivities.map { self.requestEagerExecution(in: &completion.commands, from: $0) } ?? []
      if self.server.takesSDKMetadata && !run.sentSDKMetadata {
        completion.sdkName = Gaffer.clientName
        completion.sdkVersion = Gaffer.version
        run.sentSDKMetadata = true
      }
      do {
        let eagerTasks = try await self.server.completeWorkflowTask(completion)
        if let eagerActivities, !reserved.isEmpty || !eagerTasks.isEmpty {
          await eagerActivities.runEager(eagerTasks, reserved: reserved)
        }
        let closed = run.isClosed
        self.state.withLock {
          $0.counters.completed += 1
          if closed { $0.counters.workflowsClosed += 1 }
        }
        self.metrics.tasksCompleted.increment()
        if closed {
          self.cache.withLock { $0.recordEviction(.closed) }
          await self.abandon(run)
        } else {
          self.keep(run)
        }
      } catch {
        for permit in reserved { permit.release() }
        self.cache.withLock { $0.recordEviction(.serverRefused) }
        await self.abandon(run)
        self.state.withLock { $0.counters.reportsLost += 1 }
        self.logger.warning(
          "workflow task completion not accepted; the run is evicted and the server retries the task",
          metadata: ["workflow.id": "\(task.workflowID)", "workflow.run": "\(task.runID)", "error": "\(error)"])
      }
    case .failed(let run, let failure):
      self.cache.withLock { $0.recordEviction(.taskFailed) }
      if let run { await self.abandon(run) }
      await self.reportFailure(failure, task: task)
    }
  }

  /// Marks the first activities the server may start here at once (on
  /// this task queue, of a type registered here, up to the limit), each on
  /// a slot reserved now; returns the slots.
  private func requestEagerExecution(
    in commands: inout [WorkflowCommand], from executor: any EagerActivityExecutor
  ) -> [SlotPermit] {
    var reserved: [SlotPermit] = []
    for index in commands.indices where reserved.count < self.options.maxEagerActivities {
      guard case .scheduleActivity(var activity) = commands[index], activity.taskQueue == self.options.taskQueue,
        executor.runsEagerly(activityType: activity.activityType)
      else { continue }
      guard let permit = executor.reserveEagerSlot() else { break }
      activity.requestEagerExecution = true
      commands[index] = .scheduleActivity(activity)
      reserved.append(permit)
    }
    return reserved
  }

  private enum Outcome {
    case completed(WorkflowRun, [WorkflowCommand], [String: WorkflowQueryAnswer])
    case failed(WorkflowRun?, WorkflowTaskFailure)
  }

  private func runTask(_ task: WorkflowTask, cached: WorkflowRun?) async -> Outcome {
    let run: WorkflowRun
    let events: [Temporal_Api_History_V1_HistoryEvent]
    if let cached, let first = task.events.first, first.eventID == cached.lastEventID + 1 {
      run = cached
      events = task.events
    } else {
      if cached != nil { self.cache.withLock { $0.recordEviction(.historyGap) } }
      guard let workflow = self.workflows[task.workflowType] else {
        let known = self.workflows.keys.sorted().joined(separator: ", ")
        return .failed(
          nil,
          WorkflowTaskFailure(
            cause: .unhandledFailure,
            message: "workflow type '\(task.workflowType)' is not registered on this worker (task queue '\(self.options.taskQueue)'); registered: \(known.isEmpty ? "none" : known)"))
      }
      do {
        events = try await self.fullHistory(for: task)
      } catch {
        return .failed(
          nil, WorkflowTaskFailure(cause: .unhandledFailure, message: "could not fetch the workflow's history: \(error)"))
      }
      run = WorkflowRun(
        workflow: workflow, workflowID: task.workflowID, runID: task.runID, namespace: self.options.namespace,
        taskQueue: self.options.taskQueue, logger: self.logger)
    }
    let upToStarted = events.filter { $0.eventID <= task.startedEventID }
    let queries = task.queries
    do {
      let (commands, answers) = try await self.activationThreads.run {
        () throws -> ([WorkflowCommand], [String: WorkflowQueryAnswer]) in
        let commands = try run.apply(upToStarted)
        var answers: [String: WorkflowQueryAnswer] = [:]
        for (id, query) in queries {
          do {
            answers[id] = .answered(try run.query(name: query.name, input: query.input))
          } catch {
            answers[id] = .failed("\(error)")
          }
        }
        return (commands, answers)
      }
      return .completed(run, commands, answers)
    } catch let failure as WorkflowTaskFailure {
      return .failed(run, failure)
    } catch let deadlock as WorkflowActivationRunner.Deadlock {
      // Its code still runs on the runner thread: the run is dropped, not
      // unwound.
      return .failed(nil, WorkflowTaskFailure(cause: .unhandledFailure, message: deadlock.description))
    } catch {
      return .failed(run, WorkflowTaskFailure(cause: .unhandledFailure, message: "\(error)"))
    }
  }

  /// The whole history of the task's run: the poll's pages (a normal-queue
  /// task starts at event 1) or, for a sticky task whose run is not cached,
  /// every page from the start, then the task's own events past it (a
  /// retried task's transient scheduled/started events).
  private func fullHistory(for task: WorkflowTask) async throws -> [Temporal_Api_History_V1_HistoryEvent] {
    var events: [Temporal_Api_History_V1_HistoryEvent]
    var pageToken: Data
    if task.events.first?.eventID == 1 {
      events = task.events
      pageToken = task.nextPageToken
    } else {
      events = []
      pageToken = Data()
      repeat {
        let page = try await self.server.workflowHistory(
          workflowID: task.workflowID, runID: task.runID, pageToken: pageToken)
        events += page.events
        pageToken = page.nextPageToken
      } while !pageToken.isEmpty
      let last = events.last?.eventID ?? 0
      events += task.events.filter { $0.eventID > last }
      return events
    }
    while !pageToken.isEmpty {
      let page = try await self.server.workflowHistory(
        workflowID: task.workflowID, runID: task.runID, pageToken: pageToken)
      events += page.events
      pageToken = page.nextPageToken
    }
    return events
  }

  private func keep(_ run: WorkflowRun) {
    let evicted = self.cache.withLock { $0.put(run, runID: run.core.runID) }
    for run in evicted {
      Task { await self.abandon(run) }
    }
  }

  /// Unwinds a dropped run's code on an activation thread.
  func abandon(_ run: WorkflowRun) async {
    _ = try? await self.activationThreads.run { run.abandon() }
  }

  private func reportFailure(_ failure: WorkflowTaskFailure, task: WorkflowTask) async {
    let nondeterminism = failure.cause == .nondeterminism
    self.state.withLock { state in
      state.counters.failed += 1
      if nondeterminism { state.counters.nondeterministic += 1 }
      state.recentFailures.append(
        WorkflowTaskFailureRecord(
          workflowID: task.workflowID, runID: task.runID, workflowType: task.workflowType, at: Date(),
          nondeterminism: nondeterminism, message: failure.message))
      if state.recentFailures.count > Self.maximumRecentFailures { state.recentFailures.removeFirst() }
    }
    self.metrics.tasksFailed.increment()
    if nondeterminism { self.metrics.nondeterminism.increment() }
    self.logger.error(
      "workflow task failed",
      metadata: [
        "workflow.id": "\(task.workflowID)", "workflow.run": "\(task.runID)", "workflow.type": "\(task.workflowType)",
        "workflow_task.attempt": "\(task.attempt)", "error": "\(failure.message)",
      ])
    // Later attempts fail the same way until the code changes; reporting
    // each would fill history with repeats (the SDKs report the first).
    guard task.attempt == 1 else { return }
    var proto = Temporal_Api_Failure_V1_Failure()
    proto.message = failure.message
    proto.source = FailureConverter.source
    proto.applicationFailureInfo.type = nondeterminism ? "NondeterminismError" : "WorkflowTaskFailure"
    do {
      try await self.server.failWorkflowTask(
        token: task.token, cause: nondeterminism ? .nonDeterministicError : .workflowWorkerUnhandledFailure,
        failure: proto)
    } catch {
      self.state.withLock { $0.counters.reportsLost += 1 }
      self.logger.warning("workflow task failure not delivered", metadata: ["error": "\(error)"])
    }
  }

  private func answerLegacyQuery(_ query: WorkflowQueryRequest, task: WorkflowTask) async {
    let answer: WorkflowQueryAnswer
    if let workflow = self.workflows[task.workflowType] {
      do {
        let events = try await self.fullHistory(for: task)
        let run = WorkflowRun(
          workflow: workflow, workflowID: task.workflowID, runID: task.runID, namespace: self.options.namespace,
          taskQueue: self.options.taskQueue, logger: self.logger)
        answer = try await self.activationThreads.run {
          _ = try run.apply(events)
          defer { run.abandon() }
          return .answered(try run.query(name: query.name, input: query.input))
        }
      } catch {
        answer = .failed("\(error)")
      }
    } else {
      answer = .failed("workflow type '\(task.workflowType)' is not registered on this worker")
    }
    do {
      try await self.server.answerLegacyQuery(token: task.token, answer)
      self.state.withLock { $0.counters.queriesAnswered += 1 }
    } catch {
      self.logger.debug("legacy query answer not delivered", metadata: ["error": "\(error)"])
    }
  }
}
