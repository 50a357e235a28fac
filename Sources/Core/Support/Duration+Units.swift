extension Duration {
  var seconds: Double {
    let parts = self.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }

  var nanoseconds: Int64 {
    let parts = self.components
    return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
  }
}
