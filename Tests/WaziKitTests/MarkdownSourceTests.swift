import XCTest
@testable import WaziKit

/// Bodies are read again from their files when rendered (see `MarkdownSource`): the text must be the
/// one loaded, and a file changed or removed meanwhile fails the build instead of publishing other text.
final class MarkdownSourceTests: XCTestCase {
    private func loaded() throws -> (MiniSite, Site) {
        let mini = try MiniSite(self, languages: "[en, fr]")
        try mini.commitment()
        try mini.add("commitments/T0001/index.fr.md", "---\ntitle: Engagement\n---\n## Problème\n\nTexte.\n")
        let (site, diagnostics) = mini.load()
        return (mini, try XCTUnwrap(site, printed(diagnostics)))
    }

    func testTheTextIsReadAgainInEachLanguage() throws {
        let (mini, site) = try loaded()
        let log = DiagnosticLog()
        let description = try XCTUnwrap(site.commitment("T0001")).description
        XCTAssertEqual(description.base(log: log), "## Problem\n\nText.")
        XCTAssertEqual(description.text("fr", log: log), "## Problème\n\nTexte.\n")
        XCTAssertEqual(description.text("sw", log: log), "## Problem\n\nText.")
        XCTAssertNil(description.translation("sw", log: log))
        XCTAssertEqual(log.items, [])
        _ = mini
    }

    func testAFileChangedDuringTheBuildIsAnError() throws {
        let (mini, site) = try loaded()
        try edit(mini.root + "/commitments/T0001/index.md", replacing: "Text.", with: "Other text.")
        try FileManager.default.removeItem(atPath: mini.root + "/commitments/T0001/index.fr.md")
        let log = DiagnosticLog()
        let description = try XCTUnwrap(site.commitment("T0001")).description
        XCTAssertEqual(description.base(log: log), "")
        XCTAssertEqual(description.text("fr", log: log), "")
        XCTAssertEqual(printed(log.items).components(separatedBy: "file changed while the site was being built").count, 3,
                       printed(log.items))
        XCTAssertTrue(printed(log.items).contains("T0001/index.fr.md:1:1: error"), printed(log.items))

        let theme = try XCTUnwrap(Theme.load(defaultTheme, languages: ["en", "fr"], log: DiagnosticLog()))
        let renderer = SiteRenderer(site: site, theme: theme)
        let pages = renderer.renderPages(renderer.jobs(), threads: 1, sink: { _ in })
        XCTAssertTrue(printed(pages.diagnostics).contains("T0001/index.md:1:1: error: file changed while the site was being built"),
                      printed(pages.diagnostics))
    }
}
