import XCTest
@testable import WaziKit

/// A rebuild after a change gives exactly the bytes of a clean build, while redoing only what changed.
final class IncrementalBuildTests: XCTestCase {
    private var content = ""
    private var theme = ""
    private var output = ""

    override func setUpWithError() throws {
        let folder = try temporaryFolder(self)
        content = folder + "/content"
        theme = folder + "/templates"
        output = folder + "/site"
        try FileManager.default.copyItem(atPath: exampleContent, toPath: content)
        try FileManager.default.copyItem(atPath: defaultTheme, toPath: theme)
        let first = Build.run(options(content: content, templates: theme, output: output))
        XCTAssertEqual(first.errors, 0, printed(first.diagnostics))
    }

    private var milestone6: String { content + "/commitments/KENMS0005/milestones/6-capacity-building-of-implementing-actors.md" }

    /// Applies `change`, rebuilds incrementally, and compares with a clean build of the same input.
    @discardableResult
    private func rebuild(asOf: Day = exampleAsOf, file: StaticString = #filePath, line: UInt = #line,
                         _ change: () throws -> Void) throws -> BuildReport {
        // File times have a resolution: make sure an edit is seen as one.
        usleep(20_000)
        try change()
        let report = Build.run(options(content: content, templates: theme, output: output, asOf: asOf))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics), file: file, line: line)
        let clean = try temporaryFolder(self) + "/clean"
        XCTAssertEqual(Build.run(options(content: content, templates: theme, output: clean, asOf: asOf)).errors, 0)
        let incremental = try tree(output), expected = try tree(clean)
        XCTAssertEqual(incremental.keys.sorted(), expected.keys.sorted(), file: file, line: line)
        for (path, bytes) in expected where incremental[path] != bytes {
            XCTFail("\(path) differs from a clean build", file: file, line: line)
        }
        return report
    }

    func testNothingChangedDoesNothing() throws {
        let report = try rebuild {}
        XCTAssertEqual(report.rendered, 0)
        XCTAssertEqual(report.published.written, 0)
    }

    func testEditingOneMilestoneRendersOnlyWhatShowsIt() throws {
        let report = try rebuild { try edit(milestone6, replacing: "status: not-started", with: "status: stuck") }
        XCTAssertGreaterThan(report.rendered, 0)
        XCTAssertLessThan(report.rendered, report.pages, "pages that do not show milestone 6 are kept")
    }

    func testATemplateChangeReachesEveryPage() throws {
        let report = try rebuild { try edit(theme + "/partials/badge.mustache", replacing: "class=\"badge", with: "class=\"badge pill") }
        XCTAssertEqual(report.rendered, report.pages)
    }

    func testSiteYAMLAndStringsAreSiteWide() throws {
        try rebuild { try edit(content + "/site.yaml", replacing: "Nairobi Open Government", with: "Nairobi Open-Government") }
        try rebuild { try edit(theme + "/i18n/fr.yaml", replacing: "  nav_home:", with: "  nav_home: Accueil du site\n  nav_home_old:") }
    }

    func testTitlesOfRelatedItemsAreRefreshed() throws {
        // Milestone 4's title shows on the commitment page and on the meetings that advance it.
        try rebuild { try edit(content + "/commitments/KENMS0005/milestones/4-biannual-steering-committee-meetings.md",
                               replacing: "title: ", with: "title: Renamed – ") }
        // The commitment's short title shows on every milestone page.
        try rebuild { try edit(content + "/commitments/KENMS0005/index.md", replacing: "short_title: ", with: "short_title: New – ") }
    }

    func testAMeetingThatStopsReferringToAMilestone() throws {
        let meetings = try FileManager.default.contentsOfDirectory(atPath: content + "/meetings")
        let meeting = try XCTUnwrap(meetings.sorted().first { name in
            name.hasSuffix(".md") && !name.hasSuffix(".fr.md")
                && ((try? read(content + "/meetings/" + name))?.contains("KENMS0005-4") ?? false)
        })
        try rebuild { try edit(content + "/meetings/" + meeting, replacing: "KENMS0005-4", with: "KENMS0005-1") }
    }

    func testAddingAndRemovingItemsUpdatesCountsAndLists() throws {
        try rebuild {
            try write("---\nnumber: 7\ntitle: A seventh milestone (example)\nstart: 2026-01\nend: 2026-02\nstatus: in-progress\n---\n",
                      to: content + "/commitments/KENMS0005/milestones/7-seventh.md")
        }
        try rebuild {
            let notes = try FileManager.default.contentsOfDirectory(atPath: content + "/notes")
            for note in notes { try FileManager.default.removeItem(atPath: content + "/notes/" + note) }
        }
    }

    func testANewAsOfDateIsSiteWide() throws {
        let report = try rebuild(asOf: Day(iso: "2027-06-30")!) {}
        XCTAssertEqual(report.rendered, report.pages)
    }
}
