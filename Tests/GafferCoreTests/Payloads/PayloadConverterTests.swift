import Foundation
import GafferCore
import Testing

@Suite("Payload converter")
struct PayloadConverterTests {
  let converter = PayloadConverter.default

  struct Order: Codable, Equatable {
    var orderID: Int
    var note: String?
    var tags: [String]
    enum CodingKeys: String, CodingKey {
      case orderID = "order_id"
      case note
      case tags
    }
  }

  func json(_ payload: Payload) -> String { String(decoding: payload.data, as: UTF8.self) }

  @Test("JSON is compact with sorted keys, as the Python SDK writes it")
  func compactSortedJSON() throws {
    let payload = try converter.payload(for: Order(orderID: 42, note: "a/b", tags: ["x", "y"]))
    #expect(payload.encoding == "json/plain")
    #expect(json(payload) == #"{"note":"a/b","order_id":42,"tags":["x","y"]}"#)
    #expect(json(try converter.payload(for: "hi")) == #""hi""#)
    #expect(json(try converter.payload(for: 3.5)) == "3.5")
    #expect(json(try converter.payload(for: true)) == "true")
    #expect(json(try converter.payload(for: ["b": 1, "a": 2])) == #"{"a":2,"b":1}"#)
  }

  @Test("values come back as they went in")
  func roundTrips() throws {
    let order = Order(orderID: 7, note: nil, tags: [])
    #expect(try converter.value(Order.self, from: converter.payload(for: order)) == order)
    #expect(try converter.value(String.self, from: converter.payload(for: "héllo ✓")) == "héllo ✓")
    #expect(try converter.value([Int].self, from: converter.payload(for: [1, 2, 3])) == [1, 2, 3])
  }

  @Test("nil travels as binary/null with no bytes, and decodes only into an optional")
  func nilIsBinaryNull() throws {
    let payload = try converter.payload(for: String?.none)
    #expect(payload.encoding == "binary/null")
    #expect(payload.data.isEmpty)
    #expect(try converter.value(String?.self, from: payload) == nil)
    #expect {
      try converter.value(String.self, from: payload)
    } throws: { error in
      (error as? PayloadConversionError)?.message.contains("Declare the argument optional") == true
    }
  }

  @Test("Data passes through as binary/plain")
  func bytesPassThrough() throws {
    let bytes = Data([0, 1, 2, 255])
    let payload = try converter.payload(for: bytes)
    #expect(payload.encoding == "binary/plain")
    #expect(payload.data == bytes)
    #expect(try converter.value(Data.self, from: payload) == bytes)
  }

  @Test("a JSON value of the wrong shape names the type, the place and the problem")
  func wrongShape() {
    let payload = Payload(metadata: ["encoding": Data("json/plain".utf8)], data: Data(#"{"order_id":"x","tags":[]}"#.utf8))
    #expect {
      try converter.value(Order.self, from: payload)
    } throws: { error in
      let message = (error as? PayloadConversionError)?.message ?? ""
      return message.contains("Order") && message.contains("order_id") && message.contains("expected Int")
    }
  }

  @Test("a missing key is named")
  func missingKey() {
    let payload = Payload(metadata: ["encoding": Data("json/plain".utf8)], data: Data(#"{"order_id":1}"#.utf8))
    #expect {
      try converter.value(Order.self, from: payload)
    } throws: { error in
      (error as? PayloadConversionError)?.message.contains("the key 'tags' is missing") == true
    }
  }

  @Test("an encoding Gaffer does not read is named, with the ones it does")
  func unknownEncoding() {
    let payload = Payload(metadata: ["encoding": Data("binary/protobuf".utf8)], data: Data())
    #expect {
      try converter.value(String.self, from: payload)
    } throws: { error in
      let message = (error as? PayloadConversionError)?.message ?? ""
      return message.contains("'binary/protobuf'") && message.contains("json/plain")
    }
  }
}
