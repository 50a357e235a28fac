@testable import GafferCore
import Testing

@Suite("Heartbeat health")
struct HeartbeatHealthTests {
  @Test("ok inside the throttle window, due past it, late past the timeout, not required without a timeout")
  func bands() {
    let timeout = Duration.seconds(10)
    let window = Duration.seconds(8)
    #expect(HeartbeatHealth(timeout: timeout, throttleInterval: window, sinceLastHeard: .seconds(1)) == .ok)
    #expect(HeartbeatHealth(timeout: timeout, throttleInterval: window, sinceLastHeard: .seconds(9)) == .due)
    #expect(HeartbeatHealth(timeout: timeout, throttleInterval: window, sinceLastHeard: .seconds(10)) == .late)
    #expect(HeartbeatHealth(timeout: nil, throttleInterval: window, sinceLastHeard: .seconds(100)) == .notRequired)
  }
}
