extension Duration {
  var seconds: Double {
    let parts = self.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }

  /// Whole nanoseconds, saturating at `Int64.max` (about 292 years) for
  /// longer durations instead of trapping.
  var nanoseconds: Int64 {
    let parts = self.components
    let whole = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
    let total = whole.partialValue.addingReportingOverflow(parts.attoseconds / 1_000_000_000)
    return whole.overflow || total.overflow ? (parts.seconds < 0 ? .min : .max) : total.partialValue
  }
}
