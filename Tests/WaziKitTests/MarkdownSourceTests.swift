import XCTest
@testable import WaziKit

/// Bodies are read again from their files when rendered (see `MarkdownSource`): the text must be the
/// one loaded, and a file changed or removed meanwhile fails the build instead of publishing other text.
final class MarkdownSourceTests: XCTestCase {
    private func loaded(french: String = "---\ntitle: Engagement\n---\n## Problème\n\nTexte.\n") throws -> (MiniSite, Site) {
        let mini = try MiniSite(self, languages: "[en, fr]")
        try mini.commitment()
        try mini.add("commitments/T0001/index.fr.md", french)
        let (site, diagnostics) = mini.load()
        return (mini, try XCTUnwrap(site, printed(diagnostics)))
    }

    func testTheTextIsReadAgainInEachLanguage() throws {
        let (mini, site) = try loaded()
        let log = DiagnosticLog()
        let description = try XCTUnwrap(site.commitment("T0001")).description
        XCTAssertEqual(description.base(log: log), "## Problem\n\nText.")
        XCTAssertEqual(description.textUTF8("fr", log: log), Array("## Problème\n\nTexte.\n".utf8))
        XCTAssertEqual(description.textUTF8("sw", log: log), Array("## Problem\n\nText.".utf8))
        XCTAssertNil(description.translation("sw", log: log))
        XCTAssertEqual(log.items, [])
        _ = mini
    }

    /// A file with a byte-order mark or CR line ends is read as loading normalised it.
    func testABodyIsReadAsLoadedFromAFileWithAByteOrderMarkOrCarriageReturns() throws {
        for french in ["\u{FEFF}---\r\ntitle: Engagement\r\n---\r\n## Problème\r\n\r\nTexte.\r\n",
                       "---\rtitle: Engagement\r---\r## Problème\r\rTexte.\r", "\u{FEFF}---\ntitle: Engagement\n---\n## Problème\n\nTexte.\n"] {
            let (mini, site) = try loaded(french: french)
            let log = DiagnosticLog()
            let description = try XCTUnwrap(site.commitment("T0001")).description
            XCTAssertEqual(description.translation("fr", log: log), "## Problème\n\nTexte.\n")
            XCTAssertEqual(log.items, [])
            _ = mini
        }
    }

    func testAFileChangedDuringTheBuildIsAnError() throws {
        let (mini, site) = try loaded()
        try edit(mini.root + "/commitments/T0001/index.md", replacing: "Text.", with: "Other text.")
        try FileManager.default.removeItem(atPath: mini.root + "/commitments/T0001/index.fr.md")
        let log = DiagnosticLog()
        let description = try XCTUnwrap(site.commitment("T0001")).description
        XCTAssertEqual(description.base(log: log), "")
        XCTAssertEqual(description.textUTF8("fr", log: log), [])
        XCTAssertEqual(printed(log.items).components(separatedBy: "file changed while the site was being built").count, 3,
                       printed(log.items))
        XCTAssertTrue(printed(log.items).contains("T0001/index.fr.md:1:1: error"), printed(log.items))

        let theme = try XCTUnwrap(Theme.load(defaultTheme, languages: ["en", "fr"], log: DiagnosticLog()))
        let renderer = SiteRenderer(site: site, theme: theme)
        let pages = renderer.renderPages(renderer.jobs(), threads: 1, sink: { _, _ in })
        XCTAssertTrue(printed(pages.diagnostics).contains("T0001/index.md:1:1: error: file changed while the site was being built"),
                      printed(pages.diagnostics))
    }
}

/// Milestone rows are rendered once and placed on pages at every depth (see `Fragments`): the mark
/// that stands for the root cannot be written in content, and every copy links from its own page.
final class SharedRowTests: XCTestCase {
    func testRowsLinkFromEachPageAndContentCannotForgeTheRootMark() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        // A YAML escape can put a control character in a title; it must not become a path.
        try mini.add("commitments/T0001/milestones/1-m.md", """
            ---
            number: 1
            title: "Rows\\x01and\\x01roots"
            start: 2025-01
            end: 2025-12
            status: in-progress
            ---
            """)
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(content: mini.root, output: output, asOf: Day(iso: "2025-06-01")!))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics))
        let pages = [("commitments/t0001/index.html", "../../"), ("browse/status/in-progress/index.html", "../../../")]
        for (page, root) in pages {
            let html = try String(contentsOfFile: output + "/" + page, encoding: .utf8)
            XCTAssertTrue(html.contains("<td><a href=\"\(root)commitments/t0001/milestones/1/\">Rowsandroots</a></td>"), page)
            XCTAssertFalse(html.utf8.contains(1), page)
        }
    }
}
