import Foundation
import GafferTUI
import Testing

@Suite("Themes")
struct ThemeTests {
  static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

  static var shippedFiles: [URL] {
    (try? FileManager.default.contentsOfDirectory(at: themesDirectory, includingPropertiesForKeys: nil))?
      .filter { $0.pathExtension == "yaml" }.sorted { $0.path < $1.path } ?? []
  }

  @Test("the four shipped themes exist, load by name and by path, and define every role")
  func shipped() throws {
    let names = Self.shippedFiles.map { $0.deletingPathExtension().lastPathComponent }
    #expect(Set(["default", "light", "high-contrast", "mono"]).isSubset(of: Set(names)))
    for file in Self.shippedFiles {
      let byName = try Theme.load(file.deletingPathExtension().lastPathComponent)
      let byPath = try Theme.load(file.path)
      #expect(byName.styles == byPath.styles, "\(file.lastPathComponent)")
      #expect(Set(byName.styles.keys) == Set(Role.allCases), "\(file.lastPathComponent)")
    }
  }

  @Test("the compiled-in themes are the files in themes/ (rerun scripts/generate-themes after editing)")
  func builtInsMatchFiles() throws {
    for file in Self.shippedFiles {
      let text = try String(contentsOf: file, encoding: .utf8)
      let parsed = try Theme.parse(text, file: file.path)
      #expect(try Theme.load(file.deletingPathExtension().lastPathComponent) == parsed)
    }
  }

  @Test("mono uses no colour at all")
  func mono() throws {
    let mono = try Theme.load("mono")
    for role in Role.allCases {
      #expect(mono.style(for: role).foreground == .terminalDefault)
      #expect(mono.style(for: role).background == .terminalDefault)
    }
  }

  @Test("broken themes name the file, the line and the key", arguments: [
    ("ok: { fg: green }\nhedaer: { fg: red }\n", "broken.yaml:2: unknown role 'hedaer'"),
    ("ok: { fg: green }\nwarn:\n  fg: yellow\n  blink: true\n", "broken.yaml:4: unknown key 'blink' in role 'warn'"),
    ("error: { fg: crimson }\n", "broken.yaml:1: error.fg: unknown colour 'crimson'"),
    ("ok: { bold: maybe }\n", "broken.yaml:1: ok.bold must be true or false"),
    ("- ok\n", "broken.yaml:1: a theme is a mapping"),
    ("ok: { fg: [green\n", "broken.yaml: not valid YAML"),
  ])
  func broken(text: String, message: String) {
    #expect {
      _ = try Theme.parse(text, file: "broken.yaml")
    } throws: { error in
      (error as? ThemeError)?.message.hasPrefix(message) == true
    }
  }

  @Test("an unknown theme name lists the built-in ones, when loaded and when only checked")
  func unknownName() throws {
    for attempt in [{ _ = try Theme.load("solarized") }, { try Theme.check("solarized") }] {
      #expect {
        try attempt()
      } throws: { error in
        let message = (error as? ThemeError)?.message ?? ""
        return message.contains("'solarized'") && message.contains("default, high-contrast, light, mono")
      }
    }
    try Theme.check("light")
    #expect(throws: ThemeError.self) { try Theme.check("/no/such/theme.yaml") }
  }

  @Test("colours: names, 0-255 and #rrggbb become the nearest a 256, 16 or 8 colour terminal has")
  func palette() {
    let orange = ThemeColor.rgb(red: 0xFF, green: 0x87, blue: 0x00)
    #expect(ColorPalette(colors: 256).index(for: orange) == 208)
    #expect(ColorPalette(colors: 16).index(for: orange) == 3)  // yellow
    let salmon = ThemeColor.rgb(red: 0xFF, green: 0x5F, blue: 0x5F)
    #expect(ColorPalette(colors: 16).index(for: salmon) == 9)  // bright red
    #expect(ColorPalette(colors: 8).index(for: salmon) == 1)  // red
    #expect(ColorPalette(colors: 8).index(for: orange) == 3)  // yellow
    #expect(ColorPalette(colors: 8).index(for: .ansi(9)) == 1)  // bright red → red
    #expect(ColorPalette(colors: 16).index(for: .indexed(196)) == 9)
    #expect(ColorPalette(colors: 256).index(for: .terminalDefault) == -1)
  }

  @Test("console options come from the environment; bad values name the variable")
  func options() throws {
    let options = try ConsoleOptions(environment: [
      "GAFFER_CONSOLE": "off", "GAFFER_THEME": "light", "GAFFER_CONSOLE_READ_ONLY": "1", "GAFFER_LOG_FILE": "/tmp/x.log",
    ])
    #expect(options.preference == .off && options.theme == "light" && options.readOnly && options.logFile == "/tmp/x.log")
    #expect(throws: ConsoleConfigurationError("GAFFER_CONSOLE='maybe' is not valid: use auto, on or off.")) {
      _ = try ConsoleOptions(environment: ["GAFFER_CONSOLE": "maybe"])
    }
    #expect(try ConsoleOptions().resolvedTheme(noColor: true).name == "mono")
  }
}
