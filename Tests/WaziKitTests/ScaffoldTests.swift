import Foundation
import XCTest
@testable import WaziKit

/// `wazi new …` and `wazi init`: every file written passes `Build.check`, nothing is overwritten,
/// and wrong names are refused with the known ones listed.
final class ScaffoldTests: XCTestCase {
    let today = Day(year: 2026, month: 11, day: 27)!

    private func check(_ content: String, templates: String = defaultTheme, file: StaticString = #filePath, line: UInt = #line) -> BuildReport {
        let report = Build.check(options(content: content, templates: templates, output: "unused", asOf: today))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics), file: file, line: line)
        return report
    }

    func testInitWritesASiteThatBuildsAtOnce() throws {
        let folder = try temporaryFolder(self) + "/new-site"
        let files = try Scaffold.site(at: folder, theme: defaultTheme, today: today, title: "Plan \"ouvert\": Été", member: "Testland")
        for name in ["content/site.yaml", "content/bodies.yaml", "content/commitments/EX0001/index.md",
                     "content/commitments/EX0001/milestones/1-a-first-milestone.md", "templates/layout.mustache",
                     "templates/i18n/en.yaml"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/" + name), name)
        }
        XCTAssertTrue(files.contains(folder + "/content/site.yaml"))
        let report = check(folder + "/content", templates: folder + "/templates")
        XCTAssertEqual(report.warnings, 0, printed(report.diagnostics))
        XCTAssertGreaterThan(report.pages, 5)

        // It also builds, into its own site/.
        let built = Build.run(options(content: folder + "/content", templates: folder + "/templates",
                                      output: folder + "/site", asOf: today))
        XCTAssertEqual(built.errors, 0, printed(built.diagnostics))
        let home = try read(folder + "/site/index.html")
        XCTAssertTrue(home.contains("Plan &quot;ouvert&quot;: Été"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/site/commitments/ex0001/milestones/1/index.html"))
    }

    func testInitRefusesANonEmptyFolder() throws {
        let folder = try temporaryFolder(self)
        try write("keep me", to: folder + "/notes.txt")
        XCTAssertThrowsError(try Scaffold.site(at: folder, theme: defaultTheme, today: today)) { error in
            XCTAssertTrue("\(error)".contains("not empty"), "\(error)")
        }
        XCTAssertEqual(try read(folder + "/notes.txt"), "keep me")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["notes.txt"])
        XCTAssertThrowsError(try Scaffold.site(at: try temporaryFolder(self) + "/x", theme: "/nonexistent", today: today))
    }

    func testEveryNewFilePassesCheckOnTheExample() throws {
        let content = try copyOfExample(self)
        let baseline = check(content).warnings

        let milestone = try Scaffold.milestone(content: content, commitment: "KENMS0005",
                                               title: "Publish \"all\" minutes: 100% — on time", today: today)
        XCTAssertEqual(milestone, content + "/commitments/KENMS0005/milestones/7-publish-all-minutes-100-on-time.md")
        let meeting = try Scaffold.meeting(content: content, body: "steering-committee",
                                           date: Day(iso: "2027-05-20")!, title: "Steering committee: mid-term review")
        XCTAssertEqual(meeting, content + "/meetings/2027-05-20-steering-committee-mid-term-review.md")
        let note = try Scaffold.note(content: content, title: "Guidance note: données ouvertes", today: today)
        XCTAssertEqual(note, content + "/notes/guidance-note-donnees-ouvertes.md")
        let commitment = try Scaffold.commitment(content: content, id: "kenms0006", title: "Open contracting \\ procurement",
                                                 today: today, institutions: ["Department of Procurement"])
        XCTAssertEqual(commitment, content + "/commitments/KENMS0006/index.md")
        let second = try Scaffold.milestone(content: content, commitment: "KENMS0006", title: "First", today: today)
        XCTAssertEqual(second, content + "/commitments/KENMS0006/milestones/1-first.md")

        let report = check(content)
        XCTAssertEqual(report.warnings, baseline, printed(report.diagnostics))
        // The keys are documented in comments, and the title survives YAML quoting.
        let text = try read(milestone)
        XCTAssertTrue(text.contains("# status: not-started | in-progress | stuck | complete"))
        XCTAssertTrue(text.contains("status: not-started\n"))
        XCTAssertTrue(text.contains("title: \"Publish \\\"all\\\" minutes: 100% — on time\""))
        XCTAssertTrue(try read(meeting).contains("# body: key of the governance body in bodies.yaml"))
        XCTAssertTrue(try read(commitment).contains("title: \"Open contracting \\\\ procurement\""))
    }

    func testEveryNewFilePassesCheckOnANewSite() throws {
        let folder = try temporaryFolder(self) + "/site"
        _ = try Scaffold.site(at: folder, theme: defaultTheme, today: today)
        let content = folder + "/content"
        _ = try Scaffold.milestone(content: content, commitment: "EX0001", title: "Second", today: today)
        _ = try Scaffold.meeting(content: content, body: "steering-committee", date: today, title: "Kick-off")
        _ = try Scaffold.note(content: content, title: "Why", today: today)
        _ = try Scaffold.commitment(content: content, id: "EX0002", title: "Another", today: today)
        let report = check(content, templates: folder + "/templates")
        XCTAssertEqual(report.warnings, 0, printed(report.diagnostics))
    }

    func testNewRefusesToOverwrite() throws {
        let content = try copyOfExample(self)
        let path = try Scaffold.meeting(content: content, body: "steering-committee", date: today, title: "Same")
        try write("edited by hand", to: path)
        XCTAssertThrowsError(try Scaffold.meeting(content: content, body: "steering-committee", date: today, title: "Same")) { error in
            XCTAssertTrue("\(error)".contains("already exists"), "\(error)")
        }
        XCTAssertEqual(try read(path), "edited by hand")
        let note = try Scaffold.note(content: content, title: "Once", today: today)
        XCTAssertThrowsError(try Scaffold.note(content: content, title: "Once", today: today))
        XCTAssertFalse(try read(note).isEmpty)
        XCTAssertThrowsError(try Scaffold.commitment(content: content, id: "KENMS0005", title: "Again", today: today)) { error in
            XCTAssertTrue("\(error)".contains("already exists"), "\(error)")
        }
        // A milestone always takes the next free number, so it never collides.
        let a = try Scaffold.milestone(content: content, commitment: "KENMS0005", title: "Same", today: today)
        let b = try Scaffold.milestone(content: content, commitment: "KENMS0005", title: "Same", today: today)
        XCTAssertTrue(a.hasSuffix("/7-same.md") && b.hasSuffix("/8-same.md"), "\(a) \(b)")
    }

    func testUnknownNamesListTheKnownOnes() throws {
        let content = try copyOfExample(self)
        XCTAssertThrowsError(try Scaffold.milestone(content: content, commitment: "NOPE1", title: "x", today: today)) { error in
            let failure = error as? Scaffold.Failure
            XCTAssertEqual(failure?.kind, .content)
            XCTAssertTrue("\(error)".contains("unknown commitment 'NOPE1'; known: KENMS0005"), "\(error)")
        }
        XCTAssertThrowsError(try Scaffold.meeting(content: content, body: "board", date: today, title: "x")) { error in
            XCTAssertTrue("\(error)".contains("unknown body 'board'"), "\(error)")
            XCTAssertTrue("\(error)".contains("steering-committee, technical-committee-governance, technical-committee-digital"), "\(error)")
        }
        XCTAssertThrowsError(try Scaffold.commitment(content: content, id: "bad id!", title: "x", today: today)) { error in
            XCTAssertEqual((error as? Scaffold.Failure)?.kind, .usage)
        }
        XCTAssertThrowsError(try Scaffold.note(content: content, title: "two\nlines", today: today))
        XCTAssertThrowsError(try Scaffold.note(content: content, title: "   ", today: today))
        // Lower case ids find their commitment.
        XCTAssertNoThrow(try Scaffold.milestone(content: content, commitment: "kenms0005", title: "x", today: today))
    }

    func testSlugs() {
        XCTAssertEqual(Scaffold.slugify("Établir l'unité OGP — phase 2", fallback: "x"), "etablir-l-unite-ogp-phase-2")
        XCTAssertEqual(Scaffold.slugify("???", fallback: "note"), "note")
        XCTAssertLessThanOrEqual(Scaffold.slugify(String(repeating: "long words ", count: 20), fallback: "x").count, 60)
    }

    func testDefaultThemeIsFound() {
        XCTAssertNotNil(Scaffold.defaultTheme(executable: nil))
        XCTAssertEqual(Scaffold.defaultTheme(executable: packageRoot + "/.build/debug/wazi"), packageRoot + "/templates")
    }
}
