/// The characters that draw lines, bars and sparklines. A terminal whose
/// locale is not UTF-8 gets the ASCII set, which every terminal can show.
public struct Glyphs: Hashable, Sendable {
  public var horizontal: Character
  public var vertical: Character
  public var topLeft: Character
  public var topRight: Character
  public var bottomLeft: Character
  public var bottomRight: Character
  public var barFull: Character
  public var barEmpty: Character
  /// A slot reserved by an open poll: taken, but no activity runs in it.
  public var barReserved: Character
  /// Lowest to highest.
  public var sparkline: [Character]
  public var ellipsis: Character
  public var bullet: Character
  public var arrow: Character
  public var separator: String

  public static let unicode = Glyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
    barFull: "█", barEmpty: "░", barReserved: "▒", sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
    ellipsis: "…", bullet: "●", arrow: "▸", separator: " · ")

  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
    barFull: "#", barEmpty: ".", barReserved: ":", sparkline: ["_", ".", "-", "~", "=", "+", "*", "#"],
    ellipsis: "~", bullet: "*", arrow: ">", separator: " | ")
}
