import Foundation
import XCTest
@testable import WaziKit

/// One fixture per content mistake of issue 3 that ContentErrorTests does not already cover:
/// each asserts the file, line, column and key words of the diagnostic.
final class LocatedErrorTests: XCTestCase {
    private let meetingHead = "---\ntitle: Q1\ndate: 2025-02-10\nbody: steering\n"

    /// Every diagnostic of a mini site, printed, after checking that a site with errors is not returned.
    private func errors(_ mini: MiniSite, asOf: String = "2026-01-15", file: StaticString = #filePath,
                        line: UInt = #line) -> String {
        let (site, diagnostics) = mini.load(asOf: asOf)
        XCTAssertNil(site, "a site with errors must not be returned", file: file, line: line)
        XCTAssertFalse(diagnostics.filter { $0.severity == .error }.isEmpty, "expected errors", file: file, line: line)
        return printed(diagnostics)
    }

    /// Asserts that `text` holds `expected`, a diagnostic written relative to the mini site's folder
    /// (`meetings/x.md:5:11: error: …`), so that file, line, column and words are all checked.
    private func expect(_ text: String, _ mini: MiniSite, _ expected: String, file: StaticString = #filePath,
                        line: UInt = #line) {
        XCTAssertTrue(text.contains(mini.root + "/" + expected), "missing: \(expected)\nin:\n\(text)", file: file, line: line)
    }

    /// The number of errors reported for one file of the mini site.
    private func errorCount(_ text: String, _ mini: MiniSite, _ relative: String) -> Int {
        text.split(separator: "\n").filter { $0.hasPrefix(mini.root + "/" + relative + ":") && $0.contains(": error: ") }.count
    }

    private func milestoneFile(_ number: Int = 1, _ yaml: String, body: String = "") -> String {
        "---\nnumber: \(number)\n" + yaml + "---\n" + body
    }

    // MARK: - YAML syntax

    func testUnclosedQuotesAreReportedWhereTheParserStopsAndNameWhereTheyStart() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/T0001/milestones/1-m.md",
                     milestoneFile(1, "title: \"Milestone\nstart: 2025-01\nend: 2025-12\nstatus: stuck\n", body: "Body\n"))
        try mini.add("commitments/T0001/milestones/2-m.md",
                     milestoneFile(2, "title: M\nstart: 2025-01\nend: 2025-12\nstatus: stuck\nlead: 'Ministry\n"))
        let text = errors(mini)
        expect(text, mini, "commitments/T0001/milestones/1-m.md:7:1: error: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that starts at line 3, column 8)")
        expect(text, mini, "commitments/T0001/milestones/2-m.md:8:1: error: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that starts at line 7, column 7)")
        XCTAssertEqual(errorCount(text, mini, "commitments/T0001/milestones/1-m.md"), 1, text)
        XCTAssertEqual(errorCount(text, mini, "commitments/T0001/milestones/2-m.md"), 1, text)
    }

    func testUnclosedFlowListsAndMappingsAreReportedAtTheParsersLine() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/T0001/milestones/1-m.md",
                     milestoneFile(1, "title: M\nupdates: [{date: 2025-03-01, status: stuck, summary: S}\nstart: 2025-01\nend: 2025-12\nstatus: stuck\n"))
        try mini.add("meetings/2025-02-10-q1.md", meetingHead + "commitments: [T0001, T0002\ndecisions: [a]\n---\n")
        try mini.add("meetings/2025-02-11-q1.md", "---\ntitle: Q1\ndate: 2025-02-11\nbody: steering\nattendees:\n  - {organisation: X, sector: government\n---\n")
        let text = errors(mini)
        expect(text, mini, "commitments/T0001/milestones/1-m.md:5:1: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 4, column 10)")
        expect(text, mini, "meetings/2025-02-10-q1.md:6:10: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 5, column 14)")
        expect(text, mini, "meetings/2025-02-11-q1.md:7:1: error: YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping that starts at line 6, column 5)")
    }

    func testDuplicateKeysAreReportedAtTheParsersLine() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/T0001/milestones/1-m.md",
                     milestoneFile(1, "title: M\nstart: 2025-01\nend: 2025-12\nstatus: stuck\ntitle: N\n"))
        try mini.add("commitments/T0001/milestones/2-m.md", milestoneFile(2, """
            title: M
            start: 2025-01
            end: 2025-12
            status: stuck
            updates:
              - date: 2025-03-01
                status: stuck
                summary: S
                date: 2025-03-02

            """))
        let text = errors(mini)
        expect(text, mini, "commitments/T0001/milestones/1-m.md:3:1: error: duplicate key 'title' in YAML mapping")
        expect(text, mini, "commitments/T0001/milestones/2-m.md:8:5: error: duplicate key 'date' in YAML mapping")
        XCTAssertEqual(errorCount(text, mini, "commitments/T0001/milestones/1-m.md"), 1, text)
    }

    func testTabIndentationIsReportedAtTheTabButTabsInsideTextAreFine() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("meetings/2025-02-10-q1.md", meetingHead + "decisions:\n\t- Adopted\n---\n")
        try mini.add("meetings/2025-02-11-q1.md", "---\ntitle: Q1\ndate: 2025-02-11\nbody: steering\nattendees:\n  - organisation: X\n  \tsector: government\n---\n")
        // A tab inside text does not take the blame for a mistake elsewhere.
        try mini.add("meetings/2025-02-12-q1.md", "---\ntitle: Q1\ndate: 2025-02-12\nbody: steering\ndecisions:\n  - |\n    a\n    \tb\nlocation: \"Hall\n---\n")
        let text = errors(mini)
        expect(text, mini, "meetings/2025-02-10-q1.md:6:1: error: YAML does not allow a tab for indentation; use spaces")
        expect(text, mini, "meetings/2025-02-11-q1.md:7:3: error: YAML does not allow a tab for indentation; use spaces")
        expect(text, mini, "meetings/2025-02-12-q1.md:10:1: error: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that starts at line 9, column 11)")
        XCTAssertEqual(errorCount(text, mini, "meetings/2025-02-12-q1.md"), 1, text)

        // Valid YAML: a tab inside a block scalar's text and inside a quoted scalar.
        let valid = try MiniSite(self)
        try valid.commitment()
        try valid.add("meetings/2025-02-10-q1.md",
                      meetingHead + "location: Hall\n  \tB\ndecisions:\n  - |\n    first\n    \tsecond, after a tab\n  - \"quoted\n  \tcontinued\"\n---\n")
        let (site, diagnostics) = valid.load()
        XCTAssertEqual(printed(diagnostics.filter { $0.severity == .error }), "")
        XCTAssertEqual(site?.meetings.first?.decisions.first, "first\n\tsecond, after a tab")
        XCTAssertEqual(site?.meetings.first?.location, "Hall B")
    }

    func testControlCharactersInYAMLAreReportedAtTheirLine() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("meetings/2025-02-10-q1.md", meetingHead + "location: \"Hall\u{0}B\"\n---\n")
        let text = errors(mini)
        expect(text, mini, "meetings/2025-02-10-q1.md:5:16: error: cannot read YAML: control characters are not allowed")
    }

    // MARK: - Front matter

    func testMissingUnterminatedAndNonMappingFrontMatter() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/T0001/milestones/1-m.md", "number: 1\ntitle: M\n---\nBody\n")
        try mini.add("commitments/T0001/milestones/2-m.md", "---\nnumber: 2\ntitle: M\nstart: 2025-01\n\nBody\n")
        try mini.add("commitments/T0001/milestones/3-m.md", "---\n- number: 3\n- title: M\n---\nBody\n")
        try mini.add("commitments/T0001/milestones/4-m.md", "---\nnumber 4, title M\n---\nBody\n")
        try mini.add("commitments/T0001/milestones/5-m.md", "---\n# number: 5\n---\nBody\n")
        try mini.add("commitments/T0001/milestones/6-m.md", "---\n---\nBody\n")
        try mini.add("notes/a.md", "\n---\ntitle: A\ndate: 2025-01-01\n---\n")
        let text = errors(mini)
        expect(text, mini, "commitments/T0001/milestones/1-m.md:1:1: error: no front matter: the file must start with a '---' line")
        expect(text, mini, "commitments/T0001/milestones/2-m.md:1:1: error: front matter is not closed: add a '---' line after the YAML keys")
        expect(text, mini, "commitments/T0001/milestones/3-m.md:2:1: error: milestone front matter must be a mapping of keys to values, not a list")
        expect(text, mini, "commitments/T0001/milestones/4-m.md:2:1: error: milestone front matter must be a mapping of keys to values, not 'number 4, title M'")
        expect(text, mini, "commitments/T0001/milestones/5-m.md:1:1: error: front matter is empty: a milestone needs number, title, start, end and status")
        expect(text, mini, "commitments/T0001/milestones/6-m.md:1:1: error: front matter is empty: a milestone needs number, title, start, end and status")
        expect(text, mini, "notes/a.md:1:1: error: no front matter")
        for n in 1...6 { XCTAssertEqual(errorCount(text, mini, "commitments/T0001/milestones/\(n)-m.md"), 1, text) }
    }

    func testEmptyFiles() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/T0001/milestones/1-m.md", "")
        try mini.add("meetings/2025-02-10-q1.md", " \n\n\t\n")
        try mini.add("pages/about.md", "\u{FEFF}")
        let text = errors(mini)
        expect(text, mini, "commitments/T0001/milestones/1-m.md:1:1: error: file is empty: it needs front matter between '---' lines")
        expect(text, mini, "meetings/2025-02-10-q1.md:1:1: error: file is empty")
        expect(text, mini, "pages/about.md:1:1: error: file is empty")
    }

    func testSiteYAMLWithOnlyCommentsReportsItsMissingKeys() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try write("# title: forgotten\n", to: mini.root + "/site.yaml")
        let text = errors(mini)
        expect(text, mini, "site.yaml:1:1: error: missing required key 'title' in site.yaml")
        expect(text, mini, "site.yaml:1:1: error: missing required key 'base_url' in site.yaml")
        expect(text, mini, "site.yaml:1:1: error: missing required key 'member' in site.yaml")
        expect(text, mini, "site.yaml:1:1: error: missing required key 'action_plan' in site.yaml")

        try write("- title: T\n", to: mini.root + "/site.yaml")
        expect(errors(mini), mini, "site.yaml:1:1: error: site.yaml must be a mapping of keys to values, not a list")
    }

    func testTranslationsThatSetStructuredKeysOrUseUndeclaredLanguages() throws {
        let mini = try MiniSite(self, languages: "[en, fr]")
        try mini.commitment()
        try mini.milestone(1)
        try mini.add("meetings/2025-02-10-q1.md", meetingHead + "---\n")
        try mini.add("notes/a.md", "---\ntitle: A\ndate: 2025-01-01\ntags: [x]\n---\n")
        try mini.add("commitments/T0001/index.fr.md", "---\ntitle: Engagement\nid: T0001\nstart: 2025-02\n---\n")
        try mini.add("meetings/2025-02-10-q1.fr.md", "---\ntitle: T1\ndate: 2025-02-11\nattendees:\n  - {organisation: X, sector: other}\n---\n")
        try mini.add("notes/a.fr.md", "---\ntitle: A\nsummary: Résumé\ntags: [y]\ntitel: B\n---\n")
        try mini.add("notes/a.en.md", "---\ntitle: A\n---\n")
        try mini.add("notes/a.sw.md", "---\ntitle: A\n---\n")
        try mini.add("notes/missing.fr.md", "---\ntitle: A\n---\n")
        let text = errors(mini)
        let only = "error: a translation may set only"
        expect(text, mini, "commitments/T0001/index.fr.md:3:1: \(only) title, short_title and the body; 'id' comes from \(mini.root)/commitments/T0001/index.md")
        expect(text, mini, "commitments/T0001/index.fr.md:4:1: \(only) title, short_title and the body; 'start' comes from")
        expect(text, mini, "meetings/2025-02-10-q1.fr.md:3:1: \(only) title and the body; 'date' comes from \(mini.root)/meetings/2025-02-10-q1.md")
        expect(text, mini, "meetings/2025-02-10-q1.fr.md:4:1: \(only) title and the body; 'attendees' comes from")
        expect(text, mini, "notes/a.fr.md:4:1: \(only) title, summary and the body; 'tags' comes from")
        expect(text, mini, "notes/a.fr.md:5:1: error: unknown key 'titel' in translation front matter; did you mean 'title'?")
        XCTAssertFalse(text.contains("notes/a.fr.md:3:"), "summary is a text key:\n\(text)")
        expect(text, mini, "notes/a.en.md:1:1: error: 'en' is the default language: its text belongs in \(mini.root)/notes/a.md")
        expect(text, mini, "notes/a.sw.md:1:1: error: translation into 'sw', which site.yaml does not declare (languages: en, fr)")
        expect(text, mini, "notes/missing.fr.md:1:1: error: translation of \(mini.root)/notes/missing.md, which does not exist")
    }

    func testATranslationMayTranslateOnlyTheBody() throws {
        let mini = try MiniSite(self, languages: "[en, fr]")
        try mini.commitment()
        try mini.add("commitments/T0001/index.fr.md", "---\n# le titre vient de index.md\n---\n## Problème\n\nTexte.\n")
        let (site, diagnostics) = mini.load()
        XCTAssertEqual(printed(diagnostics.filter { $0.severity == .error }), "")
        XCTAssertEqual(site?.commitments.first?.description.translation("fr", log: DiagnosticLog()), "## Problème\n\nTexte.\n")
    }

    // MARK: - Types

    func testWrongTypes() throws {
        let mini = try MiniSite(self)
        try mini.commitment(extra: "draft: maybe\nsectors: Health\npolicy_area: [a, b]")
        try mini.add("commitments/T0001/milestones/1-m.md",
                     "---\nnumber: three\ntitle: M\nstart: 2025-01\nend: 2025-12\nstatus: stuck\n---\n")
        try mini.add("commitments/T0001/milestones/2-m.md",
                     milestoneFile(2, "title: [Milestone, two]\nstart: 2025-01\nend: 2025-12\nstatus: stuck\nupdates: none yet\n"))
        try mini.add("meetings/2025-02-10-q1.md", meetingHead + """
            location: {room: 4}
            decisions: Adopted
            commitments: T0001
            attendees:
              organisation: X
              sector: government
            action_items:
              - Publish the minutes

            ---

            """)
        try mini.add("pages/about.md", "---\ntitle: About\nmenu: first\n---\n")
        let text = errors(mini)
        expect(text, mini, "commitments/T0001/index.md:7:8: error: 'draft' must be true or false, not 'maybe'")
        expect(text, mini, "commitments/T0001/index.md:8:10: error: 'sectors' must be a list, not 'Health'")
        expect(text, mini, "commitments/T0001/index.md:9:14: error: 'policy_area' must be text, not a list")
        expect(text, mini, "commitments/T0001/milestones/1-m.md:2:9: error: 'number' must be a whole number, not 'three'")
        expect(text, mini, "commitments/T0001/milestones/2-m.md:3:8: error: 'title' must be text, not a list")
        expect(text, mini, "commitments/T0001/milestones/2-m.md:7:10: error: 'updates' must be a list, not 'none yet'")
        expect(text, mini, "meetings/2025-02-10-q1.md:5:11: error: 'location' must be text, not a mapping")
        expect(text, mini, "meetings/2025-02-10-q1.md:6:12: error: 'decisions' must be a list, not 'Adopted'")
        expect(text, mini, "meetings/2025-02-10-q1.md:7:14: error: 'commitments' must be a list, not 'T0001'")
        expect(text, mini, "meetings/2025-02-10-q1.md:9:3: error: 'attendees' must be a list, not a mapping")
        expect(text, mini, "meetings/2025-02-10-q1.md:12:5: error: action item must be a mapping of keys to values, not 'Publish the minutes'")
        expect(text, mini, "pages/about.md:3:7: error: 'menu' must be a whole number, not 'first'")
    }

    func testEmptyRequiredValues() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/T0001/milestones/1-m.md", milestoneFile(1, "title:\nstart: 2025-01\nend: 2025-12\nstatus: \"\"\n"))
        let text = errors(mini)
        expect(text, mini, "commitments/T0001/milestones/1-m.md:3:1: error: required key 'title' has no value in milestone front matter")
        expect(text, mini, "commitments/T0001/milestones/1-m.md:6:9: error: status '' is not one of not-started, in-progress, stuck, complete")
    }

    // MARK: - Dates and times

    func testMalformedAndImpossibleDatesInMonthAndDayForms() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(1, end: "2025-6")
        try mini.milestone(2, end: "June 2025")
        try mini.milestone(3, end: "2025-02-30")
        try mini.milestone(4, end: "2025-13")
        try mini.milestone(5, end: "2025-00")
        try mini.milestone(6, end: "2025-12", extra: "updates:\n  - {date: 2025-02-29, status: in-progress, summary: S}")
        try mini.milestone(7, end: "2028-02-29", extra: "updates:\n  - {date: 2024-02-29, status: in-progress, summary: Leap day}")
        try mini.add("meetings/2025-06-01-a.md", "---\ntitle: A\ndate: 2025-6-01\nbody: steering\n---\n")
        try mini.add("meetings/2025-06-02-a.md", "---\ntitle: A\ndate: 2 June 2025\nbody: steering\n---\n")
        try mini.add("meetings/2025-06-03-a.md", "---\ntitle: A\ndate: 2025-06\nbody: steering\n---\n")
        try mini.add("meetings/2025-06-04-a.md", "---\ntitle: A\ndate: 2025-06-31\nbody: steering\n---\n")
        try mini.add("meetings/2025-06-05-a.md", "---\ntitle: A\ndate: 2025-06-05\nbody: steering\naction_items:\n  - {text: T, owner: O, due: 2025-13-01, status: open}\n---\n")
        try mini.add("notes/a.md", "---\ntitle: A\ndate: 2025/01/01\n---\n")
        let text = errors(mini)
        let m = "commitments/T0001/milestones/"
        expect(text, mini, m + "1-m.md:5:6: error: 'end' must be a date YYYY-MM or YYYY-MM-DD, not '2025-6'")
        expect(text, mini, m + "2-m.md:5:6: error: 'end' must be a date YYYY-MM or YYYY-MM-DD, not 'June 2025'")
        expect(text, mini, m + "3-m.md:5:6: error: 'end' 2025-02-30 is not a real date")
        expect(text, mini, m + "4-m.md:5:6: error: 'end' 2025-13 is not a real date")
        expect(text, mini, m + "5-m.md:5:6: error: 'end' 2025-00 is not a real date")
        expect(text, mini, m + "6-m.md:8:12: error: 'date' 2025-02-29 is not a real date")
        XCTAssertEqual(errorCount(text, mini, m + "7-m.md"), 0, "2024-02-29 is a real date:\n\(text)")
        expect(text, mini, "meetings/2025-06-01-a.md:3:7: error: 'date' must be a date YYYY-MM-DD, not '2025-6-01'")
        expect(text, mini, "meetings/2025-06-02-a.md:3:7: error: 'date' must be a date YYYY-MM-DD, not '2 June 2025'")
        expect(text, mini, "meetings/2025-06-03-a.md:3:7: error: 'date' must be a date YYYY-MM-DD, not '2025-06'")
        expect(text, mini, "meetings/2025-06-04-a.md:3:7: error: 'date' 2025-06-31 is not a real date")
        expect(text, mini, "meetings/2025-06-05-a.md:6:30: error: 'due' 2025-13-01 is not a real date")
        expect(text, mini, "notes/a.md:3:7: error: 'date' must be a date YYYY-MM-DD, not '2025/01/01'")
    }

    func testStartAndEndTimesMustBeRealAndInOrder() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        let files = [
            ("2025-02-10-a", "start_time: \"25:00\"\n"),
            ("2025-02-10-b", "start_time: \"10:60\"\n"),
            ("2025-02-10-c", "start_time: 9:00\n"),
            ("2025-02-10-d", "start_time: \"14:00\"\nend_time: \"13:30\"\n"),
            ("2025-02-10-e", "start_time: \"14:00\"\nend_time: \"14:00\"\n"),
            ("2025-02-10-f", "end_time: \"14:00\"\n"),
            ("2025-02-10-g", "start_time: 10:00\nend_time: 11:30\n"),
        ]
        for (name, yaml) in files { try mini.add("meetings/\(name).md", meetingHead + yaml + "---\n") }
        let text = errors(mini)
        expect(text, mini, "meetings/2025-02-10-a.md:5:13: error: 'start_time' must be a time HH:MM (00:00 to 23:59), not '25:00'")
        expect(text, mini, "meetings/2025-02-10-b.md:5:13: error: 'start_time' must be a time HH:MM (00:00 to 23:59), not '10:60'")
        expect(text, mini, "meetings/2025-02-10-c.md:5:13: error: 'start_time' must be a time HH:MM (00:00 to 23:59), not '9:00'")
        expect(text, mini, "meetings/2025-02-10-d.md:6:11: error: end_time 13:30 is not after start_time 14:00")
        expect(text, mini, "meetings/2025-02-10-e.md:6:11: error: end_time 14:00 is not after start_time 14:00")
        expect(text, mini, "meetings/2025-02-10-f.md:5:1: error: end_time needs a start_time")
        XCTAssertEqual(errorCount(text, mini, "meetings/2025-02-10-g.md"), 0, "unquoted HH:MM is a time:\n\(text)")
    }

    // MARK: - Enumerations

    func testUnknownEnumerationsNameTheValueAndTheAllowedOnes() throws {
        let mini = try MiniSite(self)
        try mini.commitment(extra: "ogp_values: [public-accountability, transparency]\nirm: {assessed: 2025-06-01, completion: partial}")
        try mini.milestone(1, extra: "updates:\n  - {date: 2025-03-01, status: ongoing, summary: S}")
        try mini.add("meetings/2025-02-10-q1.md", meetingHead + """
            type: workshop
            status: postponed
            attendees:
              - {organisation: Daily News, sector: media}
            action_items:
              - {text: Publish, owner: Secretariat, status: pending}

            ---

            """)
        try write("steering:\n  name: Steering committee\n  cadence: weekly\n", to: mini.root + "/bodies.yaml")
        let text = errors(mini)
        expect(text, mini, "commitments/T0001/index.md:7:37: error: ogp_values 'transparency' is not one of access-to-information, civic-participation, public-accountability, technology-innovation")
        expect(text, mini, "commitments/T0001/index.md:8:41: error: completion 'partial' is not one of not-started, limited, substantial, complete")
        expect(text, mini, "commitments/T0001/milestones/1-m.md:8:32: error: status 'ongoing' is not one of not-started, in-progress, stuck, complete")
        expect(text, mini, "meetings/2025-02-10-q1.md:5:7: error: type 'workshop' is not one of meeting, training, consultation")
        expect(text, mini, "meetings/2025-02-10-q1.md:6:9: error: status 'postponed' is not one of scheduled, held, cancelled")
        expect(text, mini, "meetings/2025-02-10-q1.md:8:40: error: sector 'media' is not one of government, civil-society, private-sector, development-partner, other")
        expect(text, mini, "meetings/2025-02-10-q1.md:10:49: error: status 'pending' is not one of open, done")
        expect(text, mini, "bodies.yaml:3:12: error: cadence 'weekly' is not one of biannual, quarterly, monthly")
    }

    // MARK: - Duplicates and file names

    func testDuplicateCommitmentIDs() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/T0002/index.md",
                     "---\nid: T0001\ntitle: Copy\nstart: 2025-01\nend: 2025-02\ninstitutions: [X]\n---\n")
        let text = errors(mini)
        expect(text, mini, "commitments/T0002/index.md:2:5: error: duplicate commitment id 'T0001' (also in \(mini.root)/commitments/T0001/index.md)")
        expect(text, mini, "commitments/T0002/index.md:2:5: error: id 'T0001' does not match its folder commitments/T0002/")
        XCTAssertEqual(errorCount(text, mini, "commitments/T0001/index.md"), 0, text)
    }

    func testDuplicateSlugsDifferingOnlyInCase() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("notes/Alpha.md", "---\ntitle: A\ndate: 2025-01-01\n---\n")
        try mini.add("notes/alpha.md", "---\ntitle: B\ndate: 2025-01-02\n---\n")
        try mini.add("pages/About.md", "---\ntitle: About\n---\n")
        try mini.add("pages/about.md", "---\ntitle: About\n---\n")
        try mini.add("meetings/2025-02-10-Q1.md", meetingHead + "---\n")
        try mini.add("meetings/2025-02-10-q1.md", meetingHead + "---\n")
        let text = errors(mini)
        expect(text, mini, "notes/Alpha.md:1:1: error: duplicate note slug 'Alpha' (also \(mini.root)/notes/alpha.md)")
        expect(text, mini, "pages/about.md:1:1: error: duplicate page slug 'about' (also \(mini.root)/pages/About.md)")
        expect(text, mini, "meetings/2025-02-10-q1.md:1:1: error: duplicate meeting slug '2025-02-10-q1' (also \(mini.root)/meetings/2025-02-10-Q1.md)")
    }

    func testMilestoneFileNameMustStartWithItsNumber() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/T0001/milestones/first.md", milestoneFile(1, "title: M\nstart: 2025-01\nend: 2025-12\nstatus: stuck\n"))
        try mini.add("commitments/T0001/milestones/12-m.md", milestoneFile(2, "title: M\nstart: 2025-01\nend: 2025-12\nstatus: stuck\n"))
        try mini.add("commitments/T0001/milestones/0-m.md", milestoneFile(0, "title: M\nstart: 2025-01\nend: 2025-12\nstatus: stuck\n"))
        try mini.add("commitments/T0001/milestones/3-a b.md", milestoneFile(3, "title: M\nstart: 2025-01\nend: 2025-12\nstatus: stuck\n"))
        try mini.add("commitments/T0001/milestones/sub/4-m.md", milestoneFile(4, "title: M\nstart: 2025-01\nend: 2025-12\nstatus: stuck\n"))
        let text = errors(mini)
        let m = "commitments/T0001/milestones/"
        expect(text, mini, m + "first.md:2:9: error: number 1 does not match the file name first.md (expected 1-<slug>.md)")
        expect(text, mini, m + "12-m.md:2:9: error: number 2 does not match the file name 12-m.md (expected 2-<slug>.md)")
        expect(text, mini, m + "0-m.md:2:9: error: number must be 1 or more, not 0")
        expect(text, mini, m + "3-a b.md:1:1: error: file name '3-a b.md' must use letters, digits and hyphens")
        expect(text, mini, m + "sub/4-m.md:1:1: error: Markdown file in the wrong folder")
    }

    func testMeetingFileNameMustStartWithItsDate() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("meetings/q1.md", meetingHead + "---\n")
        try mini.add("meetings/2025-10-02-q4.md", "---\ntitle: Q4\ndate: 2025-02-10\nbody: steering\n---\n")
        try mini.add("meetings/2025-2-10-q1.md", meetingHead + "---\n")
        let text = errors(mini)
        expect(text, mini, "meetings/q1.md:3:7: error: date 2025-02-10 does not match the file name q1.md (expected 2025-02-10-<slug>.md)")
        expect(text, mini, "meetings/2025-10-02-q4.md:3:7: error: date 2025-02-10 does not match the file name 2025-10-02-q4.md")
        expect(text, mini, "meetings/2025-2-10-q1.md:3:7: error: date 2025-02-10 does not match the file name 2025-2-10-q1.md")
    }

    // MARK: - References

    func testAReferenceToADraftIsAWarningAndTheMeetingStillBuilds() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.commitment("T0002", extra: "draft: true")
        try mini.milestone(1, status: "not-started", commitment: "T0002")
        try mini.add("meetings/2025-02-10-q1.md", meetingHead + "commitments: [T0001, T0002]\nmilestones: [T0002-1]\n---\n")
        try mini.add("notes/a.md", "---\ntitle: A\ndate: 2025-01-01\ncommitments:\n  - T0002\n---\n")
        let (site, diagnostics) = mini.load()
        let text = printed(diagnostics)
        XCTAssertTrue(diagnostics.allSatisfy { $0.severity == .warning }, text)
        expect(text, mini, "meetings/2025-02-10-q1.md:5:22: warning: commitment 'T0002' is a draft: not linked")
        expect(text, mini, "meetings/2025-02-10-q1.md:6:14: warning: milestone 'T0002-1' belongs to a draft commitment: not linked")
        expect(text, mini, "notes/a.md:5:5: warning: commitment 'T0002' is a draft: not linked")
        let meeting = try XCTUnwrap(site?.meetings.first)
        XCTAssertEqual(meeting.commitmentIDs, ["T0001"])
        XCTAssertEqual(meeting.milestoneIDs, [])
        XCTAssertEqual(site?.commitments.map(\.id), ["T0001"])

        // The meeting page is built; the draft is neither published nor linked.
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(content: mini.root, output: output))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics))
        let page = try read(output + "/meetings/2025-02-10-q1/index.html")
        XCTAssertFalse(page.contains("t0002"), "no link to the draft")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output + "/commitments/t0002"))

        // With drafts, the links are kept and nothing is warned about.
        let (withDrafts, all) = SiteLoader.load(content: mini.root, options: LoadOptions(asOf: Day(iso: "2026-01-15")!, drafts: true))
        XCTAssertEqual(withDrafts?.meetings.first?.commitmentIDs, ["T0001", "T0002"])
        XCTAssertEqual(printed(all.filter { $0.message.contains("draft") }), "")
    }

    func testRelativeURLsMustNameAFileUnderFiles() throws {
        let mini = try MiniSite(self)
        try write("minutes", to: mini.root + "/files/minutes 2025.txt")
        try write("report", to: mini.root + "/files/reports/r.pdf")
        try mini.commitment(extra: "initial_report: /files/reports/r.pdf")
        try mini.milestone(1, status: "complete", extra: """
            updates:
              - date: 2025-03-01
                status: complete
                summary: Done
                evidence: [files/minutes%202025.txt, files/reports/missing.pdf]
            """)
        try mini.add("meetings/2025-02-10-q1.md", meetingHead + """
            documents:
              - {title: Minutes, url: files/minutes.txt}
              - {title: Up, url: files/../site.yaml}
              - {title: Encoded up, url: files/%2e%2e/site.yaml}
              - {title: Config, url: site.yaml}
              - {title: Folder, url: files/reports}

            ---

            """)
        let text = errors(mini)
        XCTAssertEqual(errorCount(text, mini, "commitments/T0001/index.md"), 0, text)
        expect(text, mini, "commitments/T0001/milestones/1-m.md:11:42: error: evidence 'files/reports/missing.pdf' names no file in content/files/")
        XCTAssertEqual(errorCount(text, mini, "commitments/T0001/milestones/1-m.md"), 1, text)
        expect(text, mini, "meetings/2025-02-10-q1.md:6:27: error: url 'files/minutes.txt' names no file in content/files/")
        expect(text, mini, "meetings/2025-02-10-q1.md:7:22: error: url 'files/../site.yaml' must not contain '.' or '..' segments")
        expect(text, mini, "meetings/2025-02-10-q1.md:8:30: error: url 'files/%2e%2e/site.yaml' names no file in content/files/")
        expect(text, mini, "meetings/2025-02-10-q1.md:9:26: error: url 'site.yaml' names no file in content/files/")
        expect(text, mini, "meetings/2025-02-10-q1.md:10:26: error: url 'files/reports' names no file in content/files/")
    }

    func testOnlyWebMailAndRelativeURLs() throws {
        let mini = try MiniSite(self)
        try write("""
            title: Test plan
            base_url: https://example.org/plan
            member: Testland
            contact: "javascript:alert(document.cookie)"
            action_plan: {id: T-1, title: Test action plan, start: 2025-01, end: 2026-12, url: "ftp://example.org/plan"}
            """, to: mini.root + "/site.yaml")
        try mini.commitment(extra: "initial_report: \"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"\nogp_url: file:///etc/passwd")
        try mini.milestone(1, status: "complete", extra: """
            updates:
              - date: 2025-03-01
                status: complete
                summary: Done
                evidence: ["JaVaScRiPt:alert(1)", "vbscript:msgbox", "https:example.org", "//evil.example/x", "java script:alert(1)"]
            """)
        try mini.add("meetings/2025-02-10-q1.md", meetingHead + """
            documents:
              - {title: A, url: "https://example.org/a.pdf"}
              - {title: B, url: "http://example.org/b.pdf"}
              - {title: C, url: "mailto:secretariat@example.org"}
              - {title: D, url: "data:image/svg+xml,<svg/onload=alert(1)>"}

            ---

            """)
        let text = errors(mini)
        let only = "; only https, http, mailto and relative paths are allowed"
        expect(text, mini, "site.yaml:4:10: error: contact 'javascript:alert(document.cookie)' uses the scheme 'javascript'" + only)
        expect(text, mini, "site.yaml:5:84: error: url 'ftp://example.org/plan' uses the scheme 'ftp'" + only)
        expect(text, mini, "commitments/T0001/index.md:7:17: error: initial_report 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' uses the scheme 'data'" + only)
        expect(text, mini, "commitments/T0001/index.md:8:10: error: ogp_url 'file:///etc/passwd' uses the scheme 'file'" + only)
        let m = "commitments/T0001/milestones/1-m.md:11:"
        expect(text, mini, m + "16: error: evidence 'JaVaScRiPt:alert(1)' uses the scheme 'javascript'" + only)
        expect(text, mini, m + "39: error: evidence 'vbscript:msgbox' uses the scheme 'vbscript'" + only)
        expect(text, mini, m + "58: error: evidence 'https:example.org' is not a valid https URL")
        expect(text, mini, m + "79: error: evidence '//evil.example/x' has no scheme; write https://")
        expect(text, mini, m + "99: error: evidence 'java script:alert(1)' contains spaces or control characters")
        expect(text, mini, "meetings/2025-02-10-q1.md:9:21: error: url 'data:image/svg+xml,<svg/onload=alert(1)>' uses the scheme 'data'" + only)
        XCTAssertEqual(errorCount(text, mini, "meetings/2025-02-10-q1.md"), 1, text)
    }

    // MARK: - Paths

    func testIDsAndSlugsCannotWriteOutsideTheOutputFolder() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/X/index.md", "---\nid: ../X\ntitle: A\nstart: 2025-01\nend: 2025-02\ninstitutions: [X]\n---\n")
        try mini.add("commitments/Y/index.md", "---\nid: \"/tmp/Y\"\ntitle: A\nstart: 2025-01\nend: 2025-02\ninstitutions: [X]\n---\n")
        try mini.add("meetings/2025-02-10 q1.md", meetingHead + "---\n")
        try mini.add("meetings/2025-02-10.q1.md", meetingHead + "---\n")
        try mini.add("meetings/2025-02-10-..md", meetingHead + "---\n")
        try mini.add("notes/caf\u{E9}.md", "---\ntitle: A\ndate: 2025-01-01\n---\n")
        try mini.add("pages/a%2F..%2Fb.md", "---\ntitle: A\n---\n")
        try write("steering:\n  name: S\n\"../body\":\n  name: B\n", to: mini.root + "/bodies.yaml")
        try write("title: T\nbase_url: https://example.org\nmember: M\nlanguages: [en, \"../fr\", \"fr/../..\"]\naction_plan: {id: A, title: B, start: 2025-01, end: 2026-12}\n",
                  to: mini.root + "/site.yaml")
        let text = errors(mini)
        expect(text, mini, "commitments/X/index.md:2:5: error: id '../X' must be upper-case letters, digits and hyphens, e.g. KENMS0005")
        expect(text, mini, "commitments/Y/index.md:2:5: error: id '/tmp/Y' must be upper-case letters, digits and hyphens")
        expect(text, mini, "meetings/2025-02-10 q1.md:1:1: error: file name '2025-02-10 q1.md' must use letters, digits and hyphens")
        expect(text, mini, "meetings/2025-02-10.q1.md:1:1: error: file name '2025-02-10.q1.md' must use letters, digits and hyphens")
        expect(text, mini, "meetings/2025-02-10-..md:1:1: error: file name '2025-02-10-..md' must use letters, digits and hyphens")
        expect(text, mini, "notes/caf\u{E9}.md:1:1: error: file name 'caf\u{E9}.md' must use letters, digits and hyphens")
        expect(text, mini, "pages/a%2F..%2Fb.md:1:1: error: file name 'a%2F..%2Fb.md' must use letters, digits and hyphens")
        expect(text, mini, "bodies.yaml:3:1: error: body key '../body' must be lower-case letters, digits and hyphens")
        expect(text, mini, "site.yaml:4:17: error: language '../fr' is not a language code such as en, fr or sw")
        expect(text, mini, "site.yaml:4:26: error: language 'fr/../..' is not a language code")
    }

    func testSymlinksLeadingOutOfContentAreRefused() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        let outside = try temporaryFolder(self)
        try write("secret", to: outside + "/secret.txt")
        try write("---\ntitle: Outside\n---\n", to: outside + "/notes/outside.md")
        try write("inside", to: mini.root + "/files/real.txt")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: mini.root + "/files/secret.txt", withDestinationPath: outside + "/secret.txt")
        try fm.createSymbolicLink(atPath: mini.root + "/files/up.txt", withDestinationPath: "../../../" + (outside as NSString).lastPathComponent + "/secret.txt")
        try fm.createSymbolicLink(atPath: mini.root + "/files/gone.txt", withDestinationPath: "../../../" + (outside as NSString).lastPathComponent + "/gone.txt")
        try fm.createSymbolicLink(atPath: mini.root + "/notes", withDestinationPath: outside + "/notes")
        try fm.createDirectory(atPath: mini.root + "/pages", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: mini.root + "/pages/about.md", withDestinationPath: outside + "/notes/outside.md")
        try fm.createSymbolicLink(atPath: mini.root + "/files/alias.txt", withDestinationPath: "real.txt")
        let text = errors(mini)
        expect(text, mini, "files/secret.txt:1:1: error: symlink leads outside the content folder; refused")
        expect(text, mini, "files/up.txt:1:1: error: symlink leads outside the content folder; refused")
        expect(text, mini, "files/gone.txt:1:1: error: symlink leads to nothing (its target does not exist); refused")
        expect(text, mini, "notes:1:1: error: symlink leads outside the content folder; refused")
        expect(text, mini, "pages/about.md:1:1: error: symlink leads outside the content folder; refused")
        XCTAssertFalse(text.contains("alias.txt"), "a symlink inside content/ is fine:\n\(text)")
        XCTAssertFalse(text.contains("outside.md"), "nothing behind a refused symlink is read:\n\(text)")

        // A rebuild scans the folders its stamps' walk listed (`FileTree.walk`): the same files, the
        // same refusals, as a scan that lists them itself. Plus a link to a folder inside, hidden
        // files and a stray file, on any number of threads.
        try fm.createDirectory(atPath: mini.root + "/meetings", withIntermediateDirectories: true)
        try write("---\ntitle: Hidden\n---\n", to: mini.root + "/notes-real/.hidden.md")
        try write("x", to: mini.root + "/stray.txt")
        try fm.createSymbolicLink(atPath: mini.root + "/meetings/linked", withDestinationPath: mini.root + "/notes-real")
        let real = URL(fileURLWithPath: mini.root).resolvingSymlinksInPath().path
        let alone = DiagnosticLog()
        let scanned = ContentTree.scan(mini.root, log: alone)
        for threads in [1, 2, 8] {
            let walked = DiagnosticLog()
            let listed = ContentTree.scan(mini.root, log: walked, listings: FileTree.walk(under: real, threads: threads).listings)
            XCTAssertEqual(listed.markdown, scanned.markdown)
            XCTAssertEqual(listed.files, scanned.files)
            XCTAssertEqual(printed(walked.items.sorted()), printed(alone.items.sorted()))
            XCTAssertFalse(printed(alone.items).isEmpty)
        }
        XCTAssertTrue(scanned.files.contains("alias.txt"))
    }

    // MARK: - Encoding

    func testInvalidUTF8IsReportedAtItsLineAndColumn() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(1)
        func raw(_ before: String, _ bytes: [UInt8], _ after: String) -> Data {
            Data(Array(before.utf8) + bytes + Array(after.utf8))
        }
        let milestone = mini.root + "/commitments/T0001/milestones/1-m.md"
        // Latin-1 é in the title, after a multi-byte character on the same line.
        try raw("---\nnumber: 1\ntitle: \u{2013} Caf", [0xE9], " au lait\nstart: 2025-01\nend: 2025-12\nstatus: stuck\n---\n")
            .write(to: URL(fileURLWithPath: milestone))
        expect(errors(mini), mini, "commitments/T0001/milestones/1-m.md:3:13: error: file is not valid UTF-8")

        // An overlong encoding of '/' in the body.
        try raw("---\nnumber: 1\ntitle: M\nstart: 2025-01\nend: 2025-12\nstatus: stuck\n---\n\nSee ", [0xC0, 0xAF], "etc\n")
            .write(to: URL(fileURLWithPath: milestone))
        expect(errors(mini), mini, "commitments/T0001/milestones/1-m.md:9:5: error: file is not valid UTF-8")

        // A multi-byte character cut short at the end of the file.
        try raw("---\nnumber: 1\ntitle: M\nstart: 2025-01\nend: 2025-12\nstatus: stuck\n---\nEnd ", [0xE2, 0x80], "")
            .write(to: URL(fileURLWithPath: milestone))
        expect(errors(mini), mini, "commitments/T0001/milestones/1-m.md:8:5: error: file is not valid UTF-8")

        // A UTF-16 surrogate written as UTF-8, in site.yaml.
        try mini.milestone(1)
        try raw("title: Test plan\nbase_url: https://example.org/plan\nmember: Test", [0xED, 0xA0, 0x80], "land\naction_plan: {id: T-1, title: T, start: 2025-01, end: 2026-12}\n")
            .write(to: URL(fileURLWithPath: mini.root + "/site.yaml"))
        expect(errors(mini), mini, "site.yaml:3:13: error: file is not valid UTF-8")
    }

    // MARK: - site.yaml

    func testSiteYAMLTimezoneBaseURLAndLanguages() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        func site(_ lines: String) throws {
            try write("title: T\nmember: M\naction_plan: {id: A, title: B, start: 2025-01, end: 2026-12}\n" + lines,
                      to: mini.root + "/site.yaml")
        }
        try site("base_url: /plan/\ntimezone: EST\nlanguages: en\n")
        var text = errors(mini)
        expect(text, mini, "site.yaml:4:11: error: base_url '/plan/' must be an absolute URL such as https://opengov.example.org/")
        expect(text, mini, "site.yaml:5:11: error: timezone 'EST' is not an IANA time zone such as Africa/Nairobi")
        expect(text, mini, "site.yaml:6:12: error: 'languages' must be a list, not 'en'")

        try site("base_url: ftp://example.org/\ntimezone: Nairobi\nlanguages: [en, en, EN]\n")
        text = errors(mini)
        expect(text, mini, "site.yaml:4:11: error: base_url 'ftp://example.org/' must be an absolute URL")
        expect(text, mini, "site.yaml:5:11: error: timezone 'Nairobi' is not an IANA time zone")
        expect(text, mini, "site.yaml:6:17: error: language 'en' is listed twice")
        expect(text, mini, "site.yaml:6:21: error: language 'EN' is not a language code such as en, fr or sw")

        try site("base_url: \"https://\"\ntimezone: Africa/Atlantis\nlanguages:\n")
        text = errors(mini)
        expect(text, mini, "site.yaml:4:11: error: base_url 'https://' must be an absolute URL")
        expect(text, mini, "site.yaml:5:11: error: timezone 'Africa/Atlantis' is not an IANA time zone")
        expect(text, mini, "site.yaml:6:1: error: languages must list at least one language; the first is the default")

        try site("base_url: https://example.org/plan\ntimezone: Europe/Paris\nlanguages: [fr, en]\n")
        let (loaded, diagnostics) = mini.load()
        XCTAssertEqual(printed(diagnostics.filter { $0.severity == .error }), "")
        XCTAssertEqual(loaded?.config.baseURL, "https://example.org/plan/")
        XCTAssertEqual(loaded?.config.languages, ["fr", "en"])
    }

    // MARK: - Valid oddities

    func testByteOrderMarkAndCRLFKeepLineNumbers() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/T0001/milestones/1-m.md",
                     "\u{FEFF}---\r\nnumber: 1\r\ntitle: M\r\nstart: 2025-01\r\nend: 2025-12\r\nstatus: done\r\n---\r\nBody\r\n")
        try write("\u{FEFF}title: T\r\nbase_url: https://example.org\r\nmember: M\r\ntimezone: Mars/Base\r\naction_plan: {id: A, title: B, start: 2025-01, end: 2026-12}\r\n",
                  to: mini.root + "/site.yaml")
        let text = errors(mini)
        expect(text, mini, "commitments/T0001/milestones/1-m.md:6:9: error: status 'done' is not one of not-started, in-progress, stuck, complete")
        expect(text, mini, "site.yaml:4:11: error: timezone 'Mars/Base' is not an IANA time zone")
    }

    func testByteOrderMarkCRLFAndAHugeBodyBuild() throws {
        let mini = try MiniSite(self)
        try write("\u{FEFF}title: Test plan\r\nbase_url: https://example.org/plan\r\nmember: Testland\r\naction_plan: {id: T-1, title: Test action plan, start: 2025-01, end: 2026-12}\r\n",
                  to: mini.root + "/site.yaml")
        try write("\u{FEFF}steering:\r\n  name: Steering committee\r\n  cadence: quarterly\r\n", to: mini.root + "/bodies.yaml")
        try mini.add("commitments/T0001/index.md",
                     "\u{FEFF}---\r\nid: T0001\r\ntitle: Test commitment\r\nstart: 2025-01\r\nend: 2026-06\r\ninstitutions:\r\n  - Ministry of Tests\r\n---\r\n## Problem\r\n\r\nCRLF text.\r\n")
        try mini.add("commitments/T0001/milestones/1-m.md",
                     "---\r\nnumber: 1\r\ntitle: \"Milestone \u{2013} one\"\r\nstart: 2025-01\r\nend: 2025-12\r\nstatus: not-started\r\n---\r\n")
        try mini.add("meetings/2025-02-10-q1.md", "\u{FEFF}---\r\ntitle: Q1\r\ndate: 2025-02-10\r\nbody: steering\r\n---\r\n## Minutes\r\n\r\nHeld.\r\n")
        // About 5 MB of Markdown: paragraphs, lists and tables.
        var body = "## Report\n\n"
        let block = "A paragraph of the annual report with **bold**, _emphasis_ and a [link](https://example.org/).\n\n- item one\n- item two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        body.reserveCapacity(5_300_000)
        while body.utf8.count < 5_000_000 { body += block }
        body += "Last line: END-OF-HUGE-BODY\n"
        try mini.add("notes/huge.md", "---\ntitle: Huge\ndate: 2025-03-01\n---\n" + body)

        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(content: mini.root, output: output))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics))
        XCTAssertGreaterThan(report.pages, 0)
        let note = try read(output + "/notes/huge/index.html")
        XCTAssertTrue(note.contains("END-OF-HUGE-BODY"))
        XCTAssertGreaterThan(note.utf8.count, 5_000_000)
        XCTAssertFalse(note.hasPrefix("\u{FEFF}"))
        let meeting = try read(output + "/meetings/2025-02-10-q1/index.html")
        XCTAssertTrue(meeting.contains("Held."))
        XCTAssertFalse(meeting.contains("\u{FEFF}"), "the BOM is not part of the text")
        let commitment = try read(output + "/commitments/t0001/index.html")
        XCTAssertTrue(commitment.contains("CRLF text."))
        XCTAssertTrue(commitment.contains("Ministry of Tests"))
        XCTAssertFalse(commitment.contains("\r"), "CR is not carried into pages")
        XCTAssertTrue(FileManager.default.fileExists(atPath: output + "/commitments/t0001/milestones/1/index.html"))
    }

    // MARK: - --strict

    func testStrictMakesWarningsFailAndWritesNothing() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        // Complete without evidence: a warning (SPEC 2.3).
        try mini.milestone(1, status: "complete", extra: "updates:\n  - {date: 2025-03-01, status: complete, summary: Done}")
        let milestone = "commitments/T0001/milestones/1-m.md"

        var lenient = options(content: mini.root, output: try temporaryFolder(self) + "/site")
        lenient.strict = false
        let built = Build.run(lenient)
        XCTAssertEqual(built.errors, 0, printed(built.diagnostics))
        XCTAssertGreaterThan(built.warnings, 0)
        expect(printed(built.diagnostics), mini, milestone + ":6:9: warning: milestone T0001-1 is complete but no update gives evidence")
        XCTAssertTrue(FileManager.default.fileExists(atPath: lenient.output + "/index.html"))
        XCTAssertFalse(Build.failed(built.diagnostics, strict: false))
        XCTAssertTrue(Build.failed(built.diagnostics, strict: true))

        // Strict, into a new folder: nothing is written.
        var strict = options(content: mini.root, output: try temporaryFolder(self) + "/site")
        strict.strict = true
        let refused = Build.run(strict)
        XCTAssertEqual(refused.pages, 0)
        XCTAssertEqual(refused.files, 0)
        XCTAssertGreaterThan(refused.warnings, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: strict.output))

        // Strict, over a site already built: it stays exactly as it was.
        let before = try tree(lenient.output)
        try mini.add(milestone, "---\nnumber: 1\ntitle: Renamed\nstart: 2025-01\nend: 2025-12\nstatus: complete\nupdates:\n  - {date: 2025-03-01, status: complete, summary: Done}\n---\n")
        strict.output = lenient.output
        XCTAssertEqual(Build.run(strict).pages, 0)
        XCTAssertEqual(try tree(lenient.output), before)
        let parent = (lenient.output as NSString).deletingLastPathComponent
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent).filter { !$0.contains(".wazi-new-") }.sorted(),
                       [".wazi-cache", "site"], "no staging folder is left behind")
    }
}
