/// A colour as a theme file names it.
public enum ThemeColor: Hashable, Sendable {
  /// The terminal's own foreground or background.
  case terminalDefault
  /// One of the 16 ANSI colours: 0–7 normal, 8–15 bright.
  case ansi(Int)
  /// An entry of the 256-colour palette.
  case indexed(Int)
  case rgb(red: Int, green: Int, blue: Int)

  static let names = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
    "bright-white",
  ]

  /// Reads `default`, a name from `names` (`gray`/`grey` are bright black),
  /// `0`–`255`, or `#rrggbb`; nil when it is none of those.
  init?(parsing text: String) {
    let name = text.lowercased()
    if name == "default" {
      self = .terminalDefault
    } else if let index = Self.names.firstIndex(of: name) {
      self = .ansi(index)
    } else if name == "gray" || name == "grey" {
      self = .ansi(8)
    } else if let index = Int(name), (0...255).contains(index) {
      self = .indexed(index)
    } else if name.hasPrefix("#"), name.count == 7, let value = Int(name.dropFirst(), radix: 16) {
      self = .rgb(red: value >> 16 & 0xFF, green: value >> 8 & 0xFF, blue: value & 0xFF)
    } else {
      return nil
    }
  }
}
