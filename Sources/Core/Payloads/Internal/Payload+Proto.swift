internal import TemporalAPI

extension Payload {
  init(_ proto: Temporal_Api_Common_V1_Payload) {
    self.init(metadata: proto.metadata, data: proto.data)
  }

  var proto: Temporal_Api_Common_V1_Payload {
    var proto = Temporal_Api_Common_V1_Payload()
    proto.metadata = self.metadata
    proto.data = self.data
    return proto
  }
}

extension [Payload] {
  init(_ proto: Temporal_Api_Common_V1_Payloads) {
    self = proto.payloads.map(Payload.init)
  }

  var proto: Temporal_Api_Common_V1_Payloads {
    var proto = Temporal_Api_Common_V1_Payloads()
    proto.payloads = self.map(\.proto)
    return proto
  }
}
