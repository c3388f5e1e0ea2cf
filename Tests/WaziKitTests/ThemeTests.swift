import XCTest
@testable import WaziKit

/// A missing template, variable or string is an error, never an empty render.
final class ThemeTests: XCTestCase {
    private func copyOfTheme() throws -> String {
        let folder = try temporaryFolder(self) + "/templates"
        try FileManager.default.copyItem(atPath: defaultTheme, toPath: folder)
        return folder
    }

    func testEveryLanguageFileHasTheSameKeys() throws {
        let log = DiagnosticLog()
        let languages = ["en", "fr", "sw", "es", "pt"]
        let strings = languages.compactMap { Strings.load(directory: defaultTheme, language: $0, log: log) }
        XCTAssertEqual(strings.count, languages.count, printed(log.items))
        for other in strings.dropFirst() {
            XCTAssertEqual(Set(other.table.keys).symmetricDifference(strings[0].table.keys), [], other.language)
        }
    }

    /// HTML escaping looks for what to escape eight bytes at a time: each character that needs it (and
    /// those next to them in the byte order) is handled as a plain character-by-character escaper
    /// would, wherever it falls in or across an eight-byte word, and at the ends.
    func testHTMLEscapesAtEveryPlaceInAWord() {
        func expected(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
                case _ where scalar.value < 0x20: break
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let specials = ["&", "<", ">", "\"", "'", "\t", "\n", "\r\n", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", " ", "!", "#", "%", "(",
                        "=", "?", "é", "–"]
        for text in placedAtEveryPlaceInAWord(specials, gaps: [0, 1, 6, 7, 8, 9], endingWithIt: false) {
            XCTAssertEqual(HTML.escape(text), expected(text), text.debugDescription)
        }
    }

    func testFillReplacesKnownPlaceholdersAndKeepsTheRest() throws {
        let strings = try XCTUnwrap(Strings.load(directory: defaultTheme, language: "sw", log: DiagnosticLog()))
        XCTAssertEqual(strings.fill("Hali kufikia {date}.", ["date": "30 Juni 2026"]), "Hali kufikia 30 Juni 2026.")
        XCTAssertEqual(strings.fill("{a}{b}{a}", ["a": "é", "b": "{a}"]), "é{a}é")
        XCTAssertEqual(strings.fill("{unknown} {a} {", ["a": "x"]), "{unknown} x {")
        XCTAssertEqual(strings.fill("{a {a}} — {}", ["a": "1", "": "empty"]), "{a 1} — empty")
        XCTAssertEqual(strings.fill("no placeholders", ["a": "x"]), "no placeholders")
    }

    func testAVariableTheViewModelLacksFailsTheBuild() throws {
        let theme = try copyOfTheme()
        try edit(theme + "/milestone.mustache", replacing: "<h1>{{heading}}</h1>", with: "<h1>{{headline}}</h1>")
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(templates: theme, output: output))
        XCTAssertTrue(printed(report.diagnostics).contains("milestone.mustache:1:1: error: template uses '{{headline}}', which the milestone page does not provide"),
                      printed(report.diagnostics))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    /// The main navigation is rendered once and shared (see `Fragments`): it is held to the same rule.
    func testAVariableASharedFragmentLacksFailsTheBuild() throws {
        let theme = try copyOfTheme()
        try edit(theme + "/partials/main-nav.mustache", replacing: ">{{label}}</a>", with: ">{{caption}}</a>")
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(templates: theme, output: output))
        XCTAssertTrue(printed(report.diagnostics).contains("main-nav.mustache:1:1: error: template uses '{{caption}}', which partials/main-nav is not given"),
                      printed(report.diagnostics))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    func testAMissingStringOrTemplateFailsTheBuild() throws {
        let theme = try copyOfTheme()
        try edit(theme + "/i18n/fr.yaml", replacing: "  skip_to_content:", with: "  skip_to:")
        try FileManager.default.removeItem(atPath: theme + "/note.mustache")
        let log = DiagnosticLog()
        XCTAssertNil(Theme.load(theme, languages: ["en", "fr"], log: log))
        let text = printed(log.items)
        XCTAssertTrue(text.contains("note.mustache:1:1: error: template 'note' is missing"), text)
        XCTAssertTrue(text.contains("fr.yaml:1:1: error: missing string 'skip_to_content', used by"), text)
    }

    func testAStringTheCodeNeedsMissingFailsTheBuild() throws {
        let theme = try copyOfTheme()
        try edit(theme + "/i18n/fr.yaml", replacing: "  status_stuck:", with: "  status_stuk:")
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(templates: theme, output: output))
        XCTAssertTrue(printed(report.diagnostics).contains("fr.yaml:1:1: error: missing string 'status_stuck'"),
                      printed(report.diagnostics))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    func testStringKeysAreFoundWithTheirLines() {
        let template = "a {{t.one}} b\n{{#t.two}}x{{/t.two}}\n{{{t.three}}} {{ t.four-x }} {{tx}} {{other.t.no}}\n\n{{&t.cl\u{E9}}}{{t"
        let keys = Theme.stringKeys(in: template)
        XCTAssertEqual(keys.map(\.0), ["one", "two", "two", "three", "four-x", "cl\u{E9}"])
        XCTAssertEqual(keys.map(\.1), [1, 2, 2, 3, 3, 5])
    }
}

/// A language the theme has no strings for still builds, with the English interface and a warning.
final class UntranslatedThemeTests: XCTestCase {
    func testALanguageWithoutUIStringsFallsBackToEnglishWithAWarning() throws {
        let mini = try MiniSite(self, languages: "[en, id]")
        try mini.commitment()
        try mini.milestone(1)
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(content: mini.root, output: output, asOf: Day(iso: "2026-01-15")!))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics))
        XCTAssertTrue(printed(report.diagnostics).contains("i18n/id.yaml:1:1: warning: no UI strings for language 'id'"))
        let page = try read(output + "/id/commitments/t0001/index.html")
        XCTAssertTrue(page.contains("<html lang=\"id\">"))
        XCTAssertTrue(page.contains("<header class=\"site-header\" lang=\"en\">"))
        var strict = options(content: mini.root, output: output + "2", asOf: Day(iso: "2026-01-15")!)
        strict.strict = true
        XCTAssertGreaterThan(Build.run(strict).warnings, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output + "2"))
    }
}
