/// The type form of an activity, for ones with state or dependencies:
///
/// ```swift
/// struct ChargeCard: ActivityDefinition {
///   let payments: PaymentsClient
///   func run(_ order: Order, context: ActivityContext) async throws -> Receipt { … }
/// }
/// let worker = try Worker(connection: connection, taskQueue: "orders", activities: [Activity(ChargeCard(payments: client))])
/// ```
///
/// It takes one argument; use the closure form of `Activity` for none or several.
public protocol ActivityDefinition: Sendable {
  associatedtype Input: Decodable
  associatedtype Output: Encodable
  /// The activity type name workflows schedule. Defaults to the type's name.
  var name: String { get }
  func run(_ input: Input, context: ActivityContext) async throws -> Output
}

extension ActivityDefinition {
  public var name: String { String(describing: Self.self) }
}
