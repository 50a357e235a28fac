/// A random generator for workflow code: seeded from the run, so every
/// replay draws the same numbers (the system generator would not).
///
/// ```swift
/// var random = context.random
/// let coin = Bool.random(using: &random)
/// ```
public struct WorkflowRandom: RandomNumberGenerator, Sendable {
  let core: WorkflowRunCore

  public mutating func next() -> UInt64 { self.core.nextRandom() }
}

/// SplitMix64: small, fast, and the same sequence on every platform.
struct SplitMix64: Sendable {
  private var state: UInt64

  init(seed: UInt64) {
    self.state = seed
  }

  mutating func next() -> UInt64 {
    self.state &+= 0x9e37_79b9_7f4a_7c15
    var z = self.state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}
