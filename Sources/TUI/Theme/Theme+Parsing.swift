internal import Foundation
internal import Yams

extension Theme {
  static let attributeKeys = ["bold", "dim", "underline", "reverse"]

  /// Reads a theme file: a mapping from role to `{fg, bg, bold, dim,
  /// underline, reverse}`. Roles left out inherit the built-in default's.
  public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
    let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      throw ThemeError("\(file): not valid YAML: \(error)")
    }
    var styles: [Role: RoleStyle] = [:]
    guard let root else { return Theme(name: name, styles: styles) }
    guard case .mapping(let mapping) = root else {
      throw ThemeError("\(file):\(Self.line(root)): a theme is a mapping from role to style, e.g. 'ok: { fg: green }'.")
    }
    for (key, value) in mapping {
      let roleName = key.string ?? ""
      guard let role = Role(rawValue: roleName) else {
        throw ThemeError(
          "\(file):\(Self.line(key)): unknown role '\(roleName)'; the roles are "
            + Role.allCases.map(\.rawValue).joined(separator: ", ") + ".")
      }
      styles[role] = try Self.roleStyle(value, role: roleName, file: file)
    }
    if name != "default", let base = try? Theme.parse(BuiltInThemes.files["default"]!, file: "default.yaml") {
      for role in Role.allCases where styles[role] == nil { styles[role] = base.styles[role] }
    }
    return Theme(name: name, styles: styles)
  }

  private static func roleStyle(_ node: Node, role: String, file: String) throws(ThemeError) -> RoleStyle {
    var style = RoleStyle()
    guard case .mapping(let mapping) = node else {
      if case .scalar(let scalar) = node, scalar.string.isEmpty { return style }
      throw ThemeError("\(file):\(Self.line(node)): role '\(role)' needs a mapping like '{ fg: green, bold: true }'.")
    }
    for (key, value) in mapping {
      let name = key.string ?? ""
      let where_ = "\(file):\(Self.line(key))"
      switch name {
      case "fg", "bg":
        let text = value.string ?? ""
        guard let color = ThemeColor(parsing: text) else {
          throw ThemeError(
            "\(where_): \(role).\(name): unknown colour '\(text)'; use default, a name ("
              + ThemeColor.names.joined(separator: ", ") + "), 0-255, or #rrggbb.")
        }
        if name == "fg" { style.foreground = color } else { style.background = color }
      case _ where Self.attributeKeys.contains(name):
        guard let flag = value.bool else {
          throw ThemeError("\(where_): \(role).\(name) must be true or false, not '\(value.string ?? "")'.")
        }
        switch name {
        case "bold": style.bold = flag
        case "dim": style.dim = flag
        case "underline": style.underline = flag
        default: style.reverse = flag
        }
      default:
        throw ThemeError(
          "\(where_): unknown key '\(name)' in role '\(role)'; the keys are fg, bg, "
            + Self.attributeKeys.joined(separator: ", ") + ".")
      }
    }
    return style
  }

  private static func line(_ node: Node) -> Int {
    node.mark?.line ?? 1
  }
}
