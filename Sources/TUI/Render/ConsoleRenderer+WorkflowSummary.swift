internal import Foundation
internal import GafferCore

/// The workflow side in its compact form, two rows under the activity
/// summary, and the pieces of text that the full panel shares with it.
/// Each row has a long and a short wording; the first that fits is drawn.
extension ConsoleRenderer {
  typealias Parts = [(String, Style)]

  /// How much the outcome counts say.
  enum CounterWording {
    /// Received to workflows closed, in words.
    case full
    /// The same, in fewer words.
    case short
    /// Done and failed only.
    case brief
    /// Failed only: the room goes to the latest failure.
    case failures
  }

  var separatorPart: (String, Style) { (self.glyphs.separator, Style(.dim)) }

  /// Workflow polling ends with the worker's: a drain stops it for good.
  var workflowPollingStopped: Bool {
    switch self.snapshot.lifecycle {
    case .draining, .stopped, .failed: true
    case .starting, .running, .paused: false
    }
  }

  /// Row one: what stops new workflow tasks (an operator's pause, the
  /// drain) first, then slots, pollers and the cache, so a short row loses
  /// the least urgent. Row two: the outcomes and the latest failure.
  mutating func drawWorkflowSummary(_ workflows: WorkflowTasksSnapshot, top: Int) {
    self.drawLabel("Workflows", row: top)
    let available = self.width - Self.labelWidth
    var state: Parts = []
    if self.workflowPollingStopped {
      state += [("polling stopped", Style(.dim, .bold)), self.separatorPart]
    } else if workflows.paused {
      state += [("polling paused", Style(.paused, .bold)), self.separatorPart]
    }
    let full = workflows.slotsMaximum > 0 && workflows.slotsRunning >= workflows.slotsMaximum
    let slots = ("\(workflows.slotsRunning)/\(workflows.slotsMaximum)", Style(full ? .warn : .text, .bold))
    let cache = [self.separatorPart] + self.cacheParts(workflows, long: false)
    self.drawParts(
      Self.firstFitting(
        [
          state + [slots, (" tasks running", Style(.dim)), self.separatorPart]
            + self.workflowPollerParts(workflows, long: true) + cache,
          state + [slots, (" tasks", Style(.dim)), self.separatorPart]
            + self.workflowPollerParts(workflows, long: false) + cache,
          // Paused or stopped, the pollers say least.
          state + [slots, (" tasks", Style(.dim))] + cache,
        ], width: available),
      row: top, column: Self.labelWidth)

    let counters = workflows.counters
    guard let latest = workflows.recentFailures.last else {
      self.drawParts(
        Self.firstFitting(
          [self.workflowCounterParts(counters, .full), self.workflowCounterParts(counters, .short)], width: available),
        row: top + 1, column: Self.labelWidth)
      return
    }
    let now = self.snapshot.takenAt
    let recent = now.timeIntervalSince(latest.at) < Diagnosis.workflowFailureWindow
    let role: Role = recent ? .error : .dim
    let when: Parts = [
      self.separatorPart, ("last failure \(Format.interval(from: latest.at, to: now)) ago: ", Style(role, recent ? .bold : [])),
    ]
    let who = (latest.workflowID, Style(recent ? .text : .dim))
    // A current failure takes the done count's room; an old one leaves it.
    let brief: CounterWording = recent ? .failures : .brief
    // Narrower, the message gives way to its gist and then to nothing: the
    // workflow id is what an operator looks up next, and the diagnosis
    // already names the type and the kind of a current failure.
    self.drawParts(
      Self.firstFitting(
        [
          self.workflowCounterParts(counters, .brief) + when
            + [(latest.workflowType + " ", Style(recent ? .text : .dim)), who, (": " + Self.failureMessage(latest), Style(role))],
          self.workflowCounterParts(counters, brief) + when
            + [who, (": " + Diagnosis.gist(of: Self.failureMessage(latest)), Style(role))],
          self.workflowCounterParts(counters, brief) + when + [who],
        ], width: available, lastFitsFrom: 40),
      row: top + 1, column: Self.labelWidth)
  }

  /// Normal and sticky pollers and the polls open now, when they poll.
  func workflowPollerParts(_ workflows: WorkflowTasksSnapshot, long: Bool) -> Parts {
    let pollers =
      workflows.stickyPollers == 0
      ? "\(workflows.normalPollers) \(long ? "normal pollers" : "pollers")"
      : long
        ? "\(workflows.normalPollers) normal + \(workflows.stickyPollers) sticky pollers"
        : "pollers \(workflows.normalPollers)+\(workflows.stickyPollers) sticky"
    var parts: Parts = [(pollers, Style(.text))]
    if self.workflowPollingStopped {
      return parts
    }
    if workflows.paused {
      if workflows.openPolls > 0 { parts.append((", \(workflows.openPolls) polls finishing", Style(.paused))) }
      return parts
    }
    let open = long ? "\(workflows.openPolls) polls open" : "\(workflows.openPolls) open"
    parts.append((", " + open, Style(workflows.openPolls > 0 ? .ok : .warn)))
    return parts
  }

  /// Runs cached of the maximum and how often a task found its run there.
  func cacheParts(_ workflows: WorkflowTasksSnapshot, long: Bool) -> Parts {
    guard workflows.cacheMaximum > 0 else {
      return [("no cache: every workflow task replays its history", Style(.dim))]
    }
    var parts: Parts = long ? [] : [("cache ", Style(.dim))]
    parts.append((
      "\(Format.count(workflows.cacheSize))/\(Format.count(workflows.cacheMaximum))", Style(.text, .bold)))
    if long { parts.append((" runs cached", Style(.dim))) }
    let lookups = workflows.cacheHits + workflows.cacheMisses
    guard lookups > 0 else { return parts }
    parts += [
      (long ? self.glyphs.separator : " ", Style(.dim)),
      (Format.percent(workflows.cacheHits, of: lookups), Style(.text, .bold)), (" hit", Style(.dim)),
    ]
    if long {
      parts.append((
        " (\(Format.count(workflows.cacheHits)) hits, \(Format.count(workflows.cacheMisses)) misses)", Style(.dim)))
    }
    return parts
  }

  /// What workflow tasks came to; the failure counts stand out once non-zero.
  func workflowCounterParts(_ counters: WorkflowTaskCounters, _ wording: CounterWording) -> Parts {
    var parts: Parts = []
    if wording == .full {
      parts += [(Format.count(counters.received), Style(.text, .bold)), (" received", Style(.dim)), self.separatorPart]
    }
    if wording != .failures {
      parts += [
        (Format.count(counters.completed), Style(.ok, .bold)), (wording == .full ? " completed" : " done", Style(.dim)),
        self.separatorPart,
      ]
    }
    parts += [(Format.count(counters.failed), Style(counters.failed > 0 ? .error : .text, .bold)), (" failed", Style(.dim))]
    if counters.nondeterministic > 0 {
      parts += [
        (", ", Style(.dim)), (Format.count(counters.nondeterministic), Style(.error, .bold)),
        (" nondeterministic", Style(.error)),
      ]
    }
    if counters.reportsLost > 0 {
      parts += [self.separatorPart, ("\(Format.count(counters.reportsLost)) reports lost", Style(.error, .bold))]
    }
    switch wording {
    case .full, .short:
      parts += [
        self.separatorPart, (Format.count(counters.queriesAnswered), Style(.text, .bold)),
        (wording == .full ? " queries answered" : " queries", Style(.dim)), self.separatorPart,
        (Format.count(counters.workflowsClosed), Style(.text, .bold)),
        (wording == .full ? " workflows closed" : " closed", Style(.dim)),
      ]
    case .brief, .failures:
      break
    }
    return parts
  }

  /// The failure's message, saying "nondeterminism" up front when the
  /// message itself does not already begin with it.
  static func failureMessage(_ failure: WorkflowTaskFailureRecord) -> String {
    guard failure.nondeterminism, !failure.message.lowercased().hasPrefix("nondeterminism") else {
      return failure.message
    }
    return "nondeterminism: " + failure.message
  }

  /// The first wording that fits `width` whole, else the last, cut short.
  /// With `lastFitsFrom`, the first wording also counts as fitting when all
  /// but its last part fits with that many columns to spare: a long message
  /// cut short beats a shorter wording.
  static func firstFitting(_ variants: [Parts], width: Int, lastFitsFrom: Int? = nil) -> Parts {
    if let spare = lastFitsFrom, let first = variants.first,
      Self.width(of: first.dropLast()) + spare <= width
    {
      return first
    }
    return variants.first { Self.width(of: $0) <= width } ?? variants.last ?? []
  }

  static func width(of parts: some Collection<(String, Style)>) -> Int {
    parts.reduce(0) { $0 + DisplayWidth.of($1.0) }
  }
}
