import XCTest
@testable import WaziKit

final class DerivedFactsTests: XCTestCase {
    /// The home page's few newest updates and most overdue milestones: the same as sorting all of them.
    func testSmallestIsTheFirstOfTheSortedOrder() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 5, 8, 9, 50, 300] {
            // Pairs with many ties on the first value; sorting by it alone is stable, as `smallest` is.
            let items = (0..<length).map { index in (Int.random(in: 0..<6, using: &generator), index) }
            for count in [0, 1, 3, 8, 10, 400] {
                let expected = items.sorted { $0.0 < $1.0 }.prefix(count).map(\.1)
                XCTAssertEqual(items.smallest(count) { $0.0 < $1.0 }.map(\.1), expected, "\(length) \(count)")
            }
        }
    }

    func testOverdueIsPastTheLastDayOfAMonthEndAndNotComplete() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(1, status: "in-progress", end: "2025-12")
        try mini.milestone(2, status: "complete", end: "2025-12", extra: "updates:\n  - {date: 2025-12-01, status: complete, summary: Done, evidence: [https://example.org/e.pdf]}")
        try mini.milestone(3, status: "stuck", end: "2026-01-15")
        let (site, diagnostics) = mini.load(asOf: "2025-12-31")
        let s = try XCTUnwrap(site, printed(diagnostics))
        XCTAssertEqual(s.milestones.map { $0.isOverdue(asOf: s.asOf) }, [false, false, false])
        let later = try XCTUnwrap(Day(iso: "2026-01-16"))
        XCTAssertEqual(s.milestones.map { $0.isOverdue(asOf: later) }, [true, false, true])
    }

    func testLastReportedIsTheLatestDateNotTheLastListed() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(1, status: "stuck", extra: """
            updates:
              - {date: 2025-05-01, status: stuck, summary: B}
              - {date: 2025-03-01, status: in-progress, summary: A}
            """)
        try mini.milestone(2)
        let (site, diagnostics) = mini.load()
        let s = try XCTUnwrap(site, printed(diagnostics))
        XCTAssertEqual(s.milestones[0].lastReported?.iso, "2025-05-01")
        XCTAssertEqual(s.milestones[0].timeline.map(\.summary), ["B", "A"])
        XCTAssertNil(s.milestones[1].lastReported, "no update is 'not yet reported'")
    }

    func testProgressCountsAndNullShareWithoutMilestones() throws {
        let mini = try MiniSite(self)
        try mini.commitment("T0001")
        try mini.commitment("T0002")
        try mini.milestone(1, status: "complete", extra: "updates: [{date: 2025-06-01, status: complete, summary: x, evidence: [https://e.org/x]}]")
        try mini.milestone(2, status: "stuck")
        try mini.milestone(3, status: "not-started")
        try mini.milestone(4, status: "complete", extra: "updates: [{date: 2025-06-01, status: complete, summary: x, evidence: [https://e.org/x]}]")
        let (site, diagnostics) = mini.load()
        let s = try XCTUnwrap(site, printed(diagnostics))
        let progress = s.commitments[0].progress
        XCTAssertEqual(progress.total, 4)
        XCTAssertEqual(progress.count(.complete), 2)
        XCTAssertEqual(progress.count(.stuck), 1)
        XCTAssertEqual(progress.shareComplete, 0.5)
        XCTAssertNil(s.commitments[1].progress.shareComplete)
    }

    func testMeetingsAttendanceCadenceAndRelations() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(1)
        try mini.add("meetings/2025-02-10-q1.md", """
            ---
            title: Q1
            date: 2025-02-10
            body: steering
            milestones: [T0001-1]
            attendees:
              - {organisation: Ministry, sector: government}
              - {organisation: NGO, sector: civil-society}
              - {organisation: Firm, sector: private-sector}
            action_items:
              - {text: Publish minutes, owner: Ministry, due: 2025-03-01, status: open}
              - {text: Invite CSOs, owner: NGO, due: 2025-03-01, status: done}
            ---
            """)
        try mini.add("meetings/2025-08-10-q3.md", "---\ntitle: Q3\ndate: 2025-08-10\nbody: steering\ncommitments: [T0001]\n---\n")
        try mini.add("meetings/2026-02-10-next.md", "---\ntitle: Next\ndate: 2026-02-10\nbody: steering\n---\n")
        let (site, diagnostics) = mini.load(asOf: "2025-10-15")
        let s = try XCTUnwrap(site, printed(diagnostics))
        let q1 = s.meetings[0]
        XCTAssertEqual(q1.status, .held)
        XCTAssertEqual(s.meetings[2].status, .scheduled)
        XCTAssertEqual(q1.governmentAttendees, 1)
        XCTAssertEqual(q1.nonGovernmentAttendees, 2)
        XCTAssertEqual(q1.attendanceBySector.map(\.count), [1, 1, 1, 0, 0])
        XCTAssertEqual(q1.overdueActionItems(asOf: s.asOf).map(\.text), ["Publish minutes"])
        let periods = s.cadence(of: try XCTUnwrap(s.body("steering")))
        XCTAssertEqual(periods.map(\.label), ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"])
        XCTAssertEqual(periods.map(\.held), [1, 0, 1, 0])
        XCTAssertEqual(periods.map(\.current), [false, false, false, true])
        // Related by milestone or by commitment.
        XCTAssertEqual(s.meetings(forMilestone: "T0001-1").map(\.slug), ["2025-02-10-q1"])
        XCTAssertEqual(s.meetings(forCommitment: "T0001").map(\.slug), ["2025-02-10-q1", "2025-08-10-q3"])
    }
}
