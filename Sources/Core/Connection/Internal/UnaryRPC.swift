internal import GRPCCore
internal import SwiftProtobuf
internal import TemporalAPI

/// A unary WorkflowService method as protoc-gen-grpc-swift describes it:
/// its request and response messages and its descriptor. The generated
/// `Method` namespaces already have all three; conforming one names it to
/// `TemporalConnection.unary`.
protocol UnaryRPC {
  associatedtype Input: SwiftProtobuf.Message & Sendable
  associatedtype Output: SwiftProtobuf.Message & Sendable
  static var descriptor: MethodDescriptor { get }
}

typealias WorkflowServiceMethod = Temporal_Api_Workflowservice_V1_WorkflowService.Method

extension WorkflowServiceMethod.GetSystemInfo: UnaryRPC {}
extension WorkflowServiceMethod.DescribeNamespace: UnaryRPC {}
extension WorkflowServiceMethod.DescribeTaskQueue: UnaryRPC {}
extension WorkflowServiceMethod.PollActivityTaskQueue: UnaryRPC {}
extension WorkflowServiceMethod.RespondActivityTaskCompleted: UnaryRPC {}
extension WorkflowServiceMethod.RespondActivityTaskFailed: UnaryRPC {}
extension WorkflowServiceMethod.RespondActivityTaskCanceled: UnaryRPC {}
extension WorkflowServiceMethod.RecordActivityTaskHeartbeat: UnaryRPC {}
extension WorkflowServiceMethod.ShutdownWorker: UnaryRPC {}
extension WorkflowServiceMethod.RecordWorkerHeartbeat: UnaryRPC {}
extension WorkflowServiceMethod.PollWorkflowTaskQueue: UnaryRPC {}
extension WorkflowServiceMethod.RespondWorkflowTaskCompleted: UnaryRPC {}
extension WorkflowServiceMethod.RespondWorkflowTaskFailed: UnaryRPC {}
extension WorkflowServiceMethod.GetWorkflowExecutionHistory: UnaryRPC {}
extension WorkflowServiceMethod.RespondQueryTaskCompleted: UnaryRPC {}
extension WorkflowServiceMethod.ListWorkers: UnaryRPC {}
