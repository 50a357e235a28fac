/// What a cell means, not how it looks: themes map each role to colours and
/// attributes, so the renderer and the golden screens stay theme-free.
public enum Role: String, CaseIterable, Hashable, Sendable {
  case header
  case border
  case text
  case dim
  case ok
  case warn
  case error
  case paused
  case draining
  case selection
  case danger
  case barFill = "bar-fill"
  case barEmpty = "bar-empty"
  case sparkline
}
