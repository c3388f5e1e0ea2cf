import XCTest
@testable import WaziKit

/// Each mistake is reported at its file and line, with the key and what is allowed.
final class ContentErrorTests: XCTestCase {
    private func errors(_ mini: MiniSite, asOf: String = "2026-01-15") -> String {
        let (site, diagnostics) = mini.load(asOf: asOf)
        XCTAssertNil(site, "a site with errors must not be returned")
        return printed(diagnostics.filter { $0.severity == .error })
    }

    func testBadEnumNamesTheValueAndTheAllowedOnes() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(1, status: "done")
        XCTAssertEqual(errors(mini), mini.root + "/commitments/T0001/milestones/1-m.md:6:9: error: status 'done' is not one of not-started, in-progress, stuck, complete")
    }

    func testMissingKeyPointsAtLineOne() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/T0001/milestones/1-m.md", "---\nnumber: 1\ntitle: M\nstart: 2025-01\nend: 2025-02\n---\n")
        XCTAssertEqual(errors(mini), mini.root + "/commitments/T0001/milestones/1-m.md:1:1: error: missing required key 'status' in milestone front matter")
    }

    func testImpossibleDatesAndEndBeforeStart() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(1, end: "2025-02-30")
        try mini.add("commitments/T0001/milestones/2-m.md", "---\nnumber: 2\ntitle: M\nstart: 2025-05\nend: 2025-04\nstatus: stuck\n---\n")
        let text = errors(mini)
        XCTAssertTrue(text.contains("1-m.md:5:6: error: 'end' 2025-02-30 is not a real date"), text)
        XCTAssertTrue(text.contains("2-m.md:5:6: error: end 2025-04 is before start 2025-05"), text)
    }

    func testStatusMustAgreeWithTheLatestUpdate() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(1, status: "complete", extra: "updates:\n  - {date: 2025-03-01, status: stuck, summary: Blocked}")
        XCTAssertTrue(errors(mini).contains("1-m.md:6:9: error: status 'complete' disagrees with the latest update (2025-03-01): 'stuck'"))
    }

    func testFileNameMustMatchNumberAndDate() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("commitments/T0001/milestones/2-m.md", "---\nnumber: 3\ntitle: M\nstart: 2025-05\nend: 2025-06\nstatus: stuck\n---\n")
        try mini.add("meetings/2025-02-11-q1.md", "---\ntitle: Q1\ndate: 2025-02-10\nbody: steering\n---\n")
        let text = errors(mini)
        XCTAssertTrue(text.contains("2-m.md:2:9: error: number 3 does not match the file name 2-m.md"), text)
        XCTAssertTrue(text.contains("2025-02-11-q1.md:3:7: error: date 2025-02-10 does not match the file name"), text)
    }

    func testDanglingReferencesSuggestTheNearest() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(1)
        try mini.add("meetings/2025-02-10-q1.md", "---\ntitle: Q1\ndate: 2025-02-10\nbody: steerin\ncommitments: [T0002]\nmilestones: [T0001-9]\n---\n")
        let text = errors(mini)
        XCTAssertTrue(text.contains("2025-02-10-q1.md:4:7: error: body 'steerin' is not a key of bodies.yaml; did you mean 'steering'?"), text)
        XCTAssertTrue(text.contains("2025-02-10-q1.md:5:15: error: unknown commitment 'T0002'; did you mean 'T0001'?"), text)
        XCTAssertTrue(text.contains("2025-02-10-q1.md:6:14: error: unknown milestone 'T0001-9'"), text)
    }

    func testMilestoneWithoutCommitmentAndDuplicateNumbers() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(1)
        try mini.add("commitments/T0001/milestones/1-other.md", "---\nnumber: 1\ntitle: M\nstart: 2025-05\nend: 2025-06\nstatus: stuck\n---\n")
        try mini.milestone(1, commitment: "T0009")
        let text = errors(mini)
        XCTAssertTrue(text.contains("T0009/milestones/1-m.md:1:1: error: milestone without a commitment"), text)
        XCTAssertTrue(text.contains("duplicate milestone number 1 in T0001"), text)
    }

    func testTranslationsMaySetOnlyTextKeysAndDeclaredLanguages() throws {
        let mini = try MiniSite(self, languages: "[en, fr]")
        try mini.commitment()
        try mini.milestone(1)
        try mini.add("commitments/T0001/milestones/1-m.fr.md", "---\ntitle: Jalon\nstatus: stuck\n---\n")
        try mini.add("commitments/T0001/index.de.md", "---\ntitle: Verpflichtung\n---\n")
        let text = errors(mini)
        XCTAssertTrue(text.contains("1-m.fr.md:3:1: error: a translation may set only title and the body; 'status' comes from"), text)
        XCTAssertTrue(text.contains("index.de.md:1:1: error: translation into 'de', which site.yaml does not declare"), text)
    }

    func testUnsafeURLSchemesAndMissingFiles() throws {
        let mini = try MiniSite(self)
        try mini.commitment(extra: "initial_report: javascript:alert(1)\nogp_url: files/missing.pdf")
        let text = errors(mini)
        XCTAssertTrue(text.contains("index.md:7:17: error: initial_report 'javascript:alert(1)' uses the scheme 'javascript'"), text)
        XCTAssertTrue(text.contains("index.md:8:10: error: ogp_url 'files/missing.pdf' names no file in content/files/"), text)
    }

    func testSiteYAMLProblems() throws {
        let mini = try MiniSite(self)
        try write("title: T\nbase_url: example.org\nmember: M\naction_plan: {id: A, title: B, start: 2025-01, end: 2026-01}\ntimezone: Mars/Olympus\nlanguages: []\n",
                  to: mini.root + "/site.yaml")
        let text = errors(mini)
        XCTAssertTrue(text.contains("site.yaml:2:11: error: base_url 'example.org' must be an absolute URL"), text)
        XCTAssertTrue(text.contains("site.yaml:5:11: error: timezone 'Mars/Olympus' is not an IANA time zone"), text)
        XCTAssertTrue(text.contains("site.yaml:6:1: error: languages must list at least one language"), text)
    }

    func testEveryProblemIsReportedInOneRunSortedByPath() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(2, status: "done")
        try mini.milestone(1, status: "finished")
        let (_, diagnostics) = mini.load()
        let errors = diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.count, 2)
        XCTAssertEqual(errors, errors.sorted())
        XCTAssertTrue(errors[0].location.file.hasSuffix("1-m.md"))
    }
}

/// Files under content/files/ are published verbatim on the site's origin: nothing a browser would run.
final class PublishedFileTests: XCTestCase {
    func testRunnableDocumentsAreRefused() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.add("files/page.html", "<p>hi</p>")
        try mini.add("files/app.js", "alert(1)")
        try mini.add("files/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")
        try mini.add("files/badge.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>")
        try mini.add("files/ok.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>")
        try mini.add("files/minutes.pdf", "%PDF-1.4")
        let (site, diagnostics) = mini.load()
        XCTAssertNil(site)
        let text = printed(diagnostics)
        XCTAssertTrue(text.contains("files/page.html:1:1: error: files/ may not hold .html files"), text)
        XCTAssertTrue(text.contains("files/app.js:1:1: error: files/ may not hold .js files"), text)
        XCTAssertTrue(text.contains("files/logo.svg:1:1: error: SVG image contains '<script'"), text)
        XCTAssertTrue(text.contains("files/badge.svg:1:1: error: SVG image has an event-handler attribute"), text)
        XCTAssertFalse(text.contains("ok.svg"), text)
        XCTAssertFalse(text.contains("minutes.pdf"), text)
    }
}

extension ContentErrorTests {
    /// Diagnostics added to sorted ones are merged into their order, as sorting them all would put
    /// them; with `unique`, repeats go as a set would drop them. Unsorted ones are sorted.
    func testDiagnosticsAddedKeepTheOrderOfSortingThemAll() {
        var seed: UInt64 = 7
        func next(_ count: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(count))
        }
        func random() -> Diagnostic {
            Diagnostic(next(2) == 0 ? .error : .warning, SourceLocation(file: ["a.md", "b.md", "c/d.md"][next(3)], line: 1 + next(4), column: 1 + next(3)),
                       ["one", "two"][next(2)])
        }
        for round in 0..<200 {
            let base = (0..<next(12)).map { _ in random() }
            let sortedBase = base.sorted()
            let more = (0..<next(5)).map { _ in random() }
            XCTAssertEqual(sortedBase.sorted(adding: more), (base + more).sorted(), "round \(round)")
            XCTAssertEqual(sortedBase.sorted(adding: more, unique: true), Set(base + more).sorted(), "round \(round)")
            XCTAssertEqual(base.sorted(adding: more), (base + more).sorted(), "round \(round), unsorted")
            XCTAssertEqual(base.sorted(adding: more, unique: true), Set(base + more).sorted(), "round \(round), unsorted")
        }
    }
}
