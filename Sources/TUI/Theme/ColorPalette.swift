/// Maps theme colours onto what a terminal can show: 256 colours, 16, or 8.
/// Colours a terminal lacks become the nearest one it has, by distance in RGB.
public struct ColorPalette: Hashable, Sendable {
  /// How many colours the terminal offers (curses' `COLORS`).
  public let colors: Int

  public init(colors: Int) {
    self.colors = colors
  }

  /// The colour number to hand to curses; -1 is the terminal default.
  public func index(for color: ThemeColor) -> Int {
    switch color {
    case .terminalDefault:
      return -1
    case .ansi(let index):
      return self.colors >= 16 ? index : Self.nearest(to: Self.rgb(ofIndex: index), among: 0..<8)
    case .indexed(let index):
      return index < self.colors ? index : Self.nearest(to: Self.rgb(ofIndex: index), among: 0..<min(self.colors, 16))
    case .rgb(let red, let green, let blue):
      let candidates = self.colors >= 256 ? 0..<256 : 0..<min(max(self.colors, 8), 16)
      return Self.nearest(to: (red, green, blue), among: candidates)
    }
  }

  static func nearest(to target: (Int, Int, Int), among candidates: Range<Int>) -> Int {
    var best = candidates.lowerBound
    var bestDistance = Int.max
    for index in candidates {
      let (red, green, blue) = Self.rgb(ofIndex: index)
      let distance =
        (red - target.0) * (red - target.0) + (green - target.1) * (green - target.1) + (blue - target.2)
        * (blue - target.2)
      if distance < bestDistance {
        best = index
        bestDistance = distance
      }
    }
    return best
  }

  /// xterm's palette: 16 system colours, a 6×6×6 cube, then 24 greys.
  static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
    let system: [(Int, Int, Int)] = [
      (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
      (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
      (255, 255, 255),
    ]
    if index < 16 { return system[max(index, 0)] }
    if index < 232 {
      let cube = index - 16
      let level = { (value: Int) in value == 0 ? 0 : 55 + value * 40 }
      return (level(cube / 36), level(cube / 6 % 6), level(cube % 6))
    }
    let grey = 8 + (index - 232) * 10
    return (grey, grey, grey)
  }
}
