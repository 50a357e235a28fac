extension Screen {
  /// The screen as golden files store it: the text rows (trailing spaces
  /// kept so widths are visible), then one line per row listing its style
  /// runs as `start-end style`.
  public var goldenText: String {
    var lines = ["size \(self.size)"]
    for row in 0..<self.size.rows {
      lines.append("|" + self.text(ofRow: row) + "|")
    }
    lines.append("styles")
    for row in 0..<self.size.rows {
      var runs: [String] = []
      var start = 0
      while start < self.size.columns {
        let style = self[start, row].style
        var end = start
        while end + 1 < self.size.columns, self[end + 1, row].style == style { end += 1 }
        runs.append("\(start)-\(end) \(style.name)")
        start = end + 1
      }
      lines.append("\(row): " + runs.joined(separator: ", "))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
