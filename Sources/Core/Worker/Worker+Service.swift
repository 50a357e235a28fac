public import ServiceLifecycle

/// A worker runs in a swift-service-lifecycle `ServiceGroup` beside other
/// services: the group's graceful shutdown drains it, and cancelling the
/// group forces it (see `run()`).
extension Worker: Service {}
