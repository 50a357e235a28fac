/// The one table of key bindings: dispatch, the footer hints and the help
/// overlay all read it, so they cannot disagree.
public struct KeyMap: Hashable, Sendable {
  public struct Binding: Hashable, Sendable {
    public var keys: [Key]
    /// How the footer and help spell the keys, e.g. `j/k`.
    public var label: String
    public var action: ConsoleAction
    /// Where the binding applies.
    public var contexts: Set<KeyContext>
    /// The footer's word for it; nil keeps it out of the footer.
    public var hint: String?
    /// The help overlay's sentence; nil when another binding's covers it
    /// (`-` is explained with `+/-`).
    public var help: String?
  }

  public let bindings: [Binding]

  /// The shipped bindings, minus those that change the worker when
  /// `readOnly`; attached to a worker elsewhere, `q` detaches.
  public init(readOnly: Bool, attached: Bool = false) {
    var detach = Self.detach
    if readOnly { detach.help = "detach: the worker goes on" }
    let shipped = attached ? Self.all.map { $0.action == .quit ? detach : $0 } : Self.all
    self.bindings = shipped.filter { !readOnly || !$0.action.changesWorker }
  }

  static let detach = Binding(
    keys: [.character("q")], label: "q", action: .detach, contexts: browsing, hint: "detach",
    help: "detach: the worker goes on (asks whether to drain it first)")

  public func action(for key: Key, in context: KeyContext) -> ConsoleAction? {
    self.bindings.first { $0.contexts.contains(context) && $0.keys.contains(key) }?.action
  }

  /// The bindings with a footer hint in `context`, most important first:
  /// when the footer is short of room, the last ones give way.
  public func hints(in context: KeyContext) -> [Binding] {
    let shown = self.bindings.filter { $0.contexts.contains(context) && $0.hint != nil }
    return Self.footerPriority.compactMap { action in shown.first { $0.action == action } }
  }

  static let footerPriority: [ConsoleAction] = [
    .togglePause, .changeMaxConcurrentActivities(by: 1), .toggleWorkflowPolling, .askGracefulShutdown, .quit, .detach,
    .toggleHelp, .openDetail, .askCancelActivity, .back, .cycleSort, .toggleGrouped, .beginFilter, .toggleFreeze,
    .selectNext,
  ]

  private static let main: Set<KeyContext> = [.main]
  private static let browsing: Set<KeyContext> = [.main, .detail]

  static let all: [Binding] = [
    Binding(
      keys: [.character("p")], label: "p", action: .togglePause, contexts: browsing, hint: "pause",
      help: "pause or resume polling (running activities go on)"),
    Binding(
      keys: [.character("+")], label: "+/-", action: .changeMaxConcurrentActivities(by: 1), contexts: browsing,
      hint: "slots", help: "max concurrent activities +1 / -1"),
    Binding(
      keys: [.character("-")], label: "-", action: .changeMaxConcurrentActivities(by: -1), contexts: browsing,
      hint: nil, help: nil),
    Binding(
      keys: [.character("]")], label: "]/[", action: .changeMaxConcurrentActivities(by: 10), contexts: browsing,
      hint: nil, help: "max concurrent activities +10 / -10"),
    Binding(
      keys: [.character("[")], label: "[", action: .changeMaxConcurrentActivities(by: -10), contexts: browsing,
      hint: nil, help: nil),
    // The workflow side mirrors the activity keys: `p + - ] [` act on
    // activities, `w > < } {` on workflow tasks (`}` `{` share keys with `]` `[`).
    Binding(
      keys: [.character("w")], label: "w", action: .toggleWorkflowPolling, contexts: browsing, hint: "pause wf",
      help: "pause or resume workflow polling (tasks in flight finish)"),
    Binding(
      keys: [.character(">")], label: ">/< }/{", action: .changeMaxConcurrentWorkflowTasks(by: 1), contexts: browsing,
      hint: nil, help: "max concurrent workflow tasks +1 / -1, +10 / -10"),
    Binding(
      keys: [.character("<")], label: "<", action: .changeMaxConcurrentWorkflowTasks(by: -1), contexts: browsing,
      hint: nil, help: nil),
    Binding(
      keys: [.character("}")], label: "}", action: .changeMaxConcurrentWorkflowTasks(by: 10), contexts: browsing,
      hint: nil, help: nil),
    Binding(
      keys: [.character("{")], label: "{", action: .changeMaxConcurrentWorkflowTasks(by: -10), contexts: browsing,
      hint: nil, help: nil),
    Binding(
      keys: [.character("j"), .down], label: "j/k", action: .selectNext, contexts: browsing, hint: "select",
      help: "select the next / previous activity (arrows too)"),
    Binding(
      keys: [.character("k"), .up], label: "k", action: .selectPrevious, contexts: browsing, hint: nil,
      help: nil),
    Binding(
      keys: [.pageDown], label: "PgUp/PgDn", action: .pageDown, contexts: main, hint: nil, help: "scroll a page up / down"),
    Binding(keys: [.pageUp], label: "PgUp", action: .pageUp, contexts: main, hint: nil, help: nil),
    Binding(
      keys: [.home], label: "Home/End", action: .selectFirst, contexts: main, hint: nil,
      help: "select the first / last activity"),
    Binding(keys: [.end], label: "End", action: .selectLast, contexts: main, hint: nil, help: nil),
    Binding(
      keys: [.enter], label: "Enter", action: .openDetail, contexts: main, hint: "detail",
      help: "everything about the selected activity"),
    Binding(
      keys: [.character("c")], label: "c", action: .askCancelActivity, contexts: [.detail], hint: "cancel it",
      help: "cancel this activity (asks first; the server retries it)"),
    Binding(
      keys: [.escape], label: "Esc", action: .back, contexts: [.main, .detail, .help], hint: "back",
      help: "back to the dashboard; on the dashboard, clear the filter"),
    Binding(
      keys: [.character("s")], label: "s", action: .cycleSort, contexts: main, hint: "sort",
      help: "sort by elapsed → heartbeat age → type"),
    Binding(
      keys: [.character("g")], label: "g", action: .toggleGrouped, contexts: main, hint: "group",
      help: "who holds the slots: in-flight activities counted per type"),
    Binding(
      keys: [.character("/")], label: "/", action: .beginFilter, contexts: main, hint: "filter",
      help: "filter by activity type or workflow id; Enter applies"),
    Binding(
      keys: [.character("z")], label: "z", action: .toggleFreeze, contexts: browsing, hint: "freeze",
      help: "freeze the display (the worker keeps running)"),
    Binding(
      keys: [.character("?")], label: "?", action: .toggleHelp, contexts: [.main, .detail, .help], hint: "help",
      help: "this help"),
    Binding(
      keys: [.character("S")], label: "S", action: .askGracefulShutdown, contexts: browsing, hint: "drain",
      help: "drain: stop polling, let running activities finish (asks)"),
    Binding(
      keys: [.character("K")], label: "K", action: .askForceShutdown, contexts: browsing, hint: nil,
      help: "force shutdown: cancel what still runs (asks)"),
    Binding(
      keys: [.character("q")], label: "q", action: .quit, contexts: browsing, hint: "quit",
      help: "quit: a running worker drains first (asks)"),
  ]
}
