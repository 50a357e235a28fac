/// One activity the worker can run: a name, and a body that takes the
/// activity's arguments (decoded from its payloads, one per parameter) and
/// an `ActivityContext`, and returns one result.
///
/// ```swift
/// let greet = Activity("greet") { (context, name: String) in "Hello, \(name)" }
/// let resize = Activity.blocking("resize") { (context, path: String, width: Int) in try shrink(path, width) }
/// ```
///
/// The context comes first: Swift cannot yet call a closure whose parameter
/// pack is followed by another parameter.
///
/// Blocking bodies run on the worker's bounded thread pool, so they can call
/// blocking APIs without starving Swift's cooperative threads.
public struct Activity: Sendable {
  /// The activity type name workflows schedule.
  public let name: String
  /// Where the activity was defined, to tell registrations apart in messages.
  public let origin: String
  public let execution: Execution

  public enum Execution: Hashable, Sendable {
    /// Runs as a Swift task on the cooperative pool.
    case async
    /// Runs on the worker's blocking thread pool.
    case blocking
  }

  typealias Body = @Sendable (_ arguments: [Payload], _ context: ActivityContext) async throws -> Payload
  let body: Body

  init(name: String, origin: String, execution: Execution, body: @escaping Body) {
    precondition(!name.isEmpty, "an activity needs a name")
    self.name = name
    self.origin = origin
    self.execution = execution
    self.body = body
  }

  public init<each Argument: Decodable & SendableMetatype, Output: Encodable & SendableMetatype>(
    _ name: String,
    fileID: String = #fileID,
    line: Int = #line,
    _ body: @escaping @Sendable (ActivityContext, repeat each Argument) async throws -> Output
  ) {
    self.init(name: name, origin: "\(fileID):\(line)", execution: .async) { payloads, context in
      let arguments = try ActivityArguments.decode((repeat (each Argument).self), from: payloads, activity: name)
      let output = try await body(context, repeat each arguments)
      return try ActivityArguments.encode(output, activity: name)
    }
  }

  public init<each Argument: Decodable & SendableMetatype>(
    _ name: String,
    fileID: String = #fileID,
    line: Int = #line,
    _ body: @escaping @Sendable (ActivityContext, repeat each Argument) async throws -> Void
  ) {
    self.init(name: name, origin: "\(fileID):\(line)", execution: .async) { payloads, context in
      let arguments = try ActivityArguments.decode((repeat (each Argument).self), from: payloads, activity: name)
      try await body(context, repeat each arguments)
      return ActivityArguments.void
    }
  }

  /// An activity whose body blocks its thread (file or socket I/O, a C
  /// library, heavy computation): it runs on the worker's blocking pool.
  public static func blocking<each Argument: Decodable & SendableMetatype, Output: Encodable & SendableMetatype>(
    _ name: String,
    fileID: String = #fileID,
    line: Int = #line,
    _ body: @escaping @Sendable (ActivityContext, repeat each Argument) throws -> Output
  ) -> Activity {
    Activity(name: name, origin: "\(fileID):\(line)", execution: .blocking) { payloads, context in
      // Decoded and encoded on the pool thread, so only payloads cross threads.
      try await context.blockingPool.run {
        let arguments = try ActivityArguments.decode((repeat (each Argument).self), from: payloads, activity: name)
        return try ActivityArguments.encode(try body(context, repeat each arguments), activity: name)
      }
    }
  }

  public static func blocking<each Argument: Decodable & SendableMetatype>(
    _ name: String,
    fileID: String = #fileID,
    line: Int = #line,
    _ body: @escaping @Sendable (ActivityContext, repeat each Argument) throws -> Void
  ) -> Activity {
    Activity(name: name, origin: "\(fileID):\(line)", execution: .blocking) { payloads, context in
      try await context.blockingPool.run {
        let arguments = try ActivityArguments.decode((repeat (each Argument).self), from: payloads, activity: name)
        try body(context, repeat each arguments)
        return ActivityArguments.void
      }
    }
  }

  /// The type form: `Activity(ChargeCard())`.
  public init<Definition: ActivityDefinition>(_ definition: Definition) {
    let name = definition.name
    self.init(name: name, origin: String(reflecting: Definition.self), execution: .async) { payloads, context in
      let (input) = try ActivityArguments.decode((Definition.Input.self), from: payloads, activity: name)
      let output = try await definition.run(input, context: context)
      return try ActivityArguments.encode(output, activity: name)
    }
  }
}
