/// How each role looks: colours and attributes. Loaded from a YAML file in
/// `themes/` (built into the binary) or from any path.
public struct Theme: Hashable, Sendable {
  public struct RoleStyle: Hashable, Sendable {
    public var foreground: ThemeColor = .terminalDefault
    public var background: ThemeColor = .terminalDefault
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false

    public init() {}
  }

  public var name: String
  public var styles: [Role: RoleStyle]

  public func style(for role: Role) -> RoleStyle {
    self.styles[role] ?? RoleStyle()
  }

  /// The theme compiled in, used when no theme is chosen.
  public static var builtInDefault: Theme {
    // The shipped file is checked by the tests, so this cannot fail.
    try! Theme.parse(BuiltInThemes.files["default"]!, file: "themes/default.yaml")
  }

  /// Throws as `load` would, without parsing a built-in theme (the tests
  /// parse every one): checking a setting costs a headless worker nothing.
  public static func check(_ name: String) throws(ThemeError) {
    if BuiltInThemes.files[name] != nil { return }
    _ = try Self.load(name)
  }

  /// `name` is a built-in theme (`default`, `light`, `high-contrast`, `mono`)
  /// or a path to a YAML file.
  public static func load(_ name: String) throws(ThemeError) -> Theme {
    if let text = BuiltInThemes.files[name] {
      return try Theme.parse(text, file: "themes/\(name).yaml")
    }
    guard name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") else {
      throw ThemeError(
        "Unknown theme '\(name)': the built-in themes are \(BuiltInThemes.files.keys.sorted().joined(separator: ", ")); "
          + "or give the path of a .yaml theme file.")
    }
    let text: String
    do {
      text = try String(contentsOfFile: name, encoding: .utf8)
    } catch {
      throw ThemeError("Can't read theme file '\(name)': \(error.localizedDescription)")
    }
    return try Theme.parse(text, file: name)
  }
}

/// A theme that can't be used, with file, line and key in the message.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
  public let message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { self.message }
}
