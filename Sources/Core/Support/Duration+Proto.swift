internal import SwiftProtobuf

extension Google_Protobuf_Duration {
  init(_ duration: Duration) {
    let (seconds, attoseconds) = duration.components
    self.init(seconds: seconds, nanos: Int32(attoseconds / 1_000_000_000))
  }

  var duration: Duration {
    .seconds(self.seconds) + .nanoseconds(Int64(self.nanos))
  }
}
