import XCTest
@testable import WaziKit

/// Browse lists: every milestone of a facet, split into light pages with links between them.
final class BrowseTests: XCTestCase {
    func testLongListsArePagedAndEveryMilestoneIsListedOnce() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        for n in 1...45 { try mini.milestone(n, status: "in-progress", end: "2026-12") }
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(content: mini.root, output: output, asOf: Day(iso: "2026-01-15")!))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics))
        let first = try read(output + "/browse/status/in-progress/index.html")
        let second = try read(output + "/browse/status/in-progress/2/index.html")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output + "/browse/status/in-progress/3/index.html"))
        XCTAssertTrue(first.contains("Page 1 of 2") && first.contains("rel=\"next\""))
        XCTAssertTrue(second.contains("Page 2 of 2") && second.contains("rel=\"prev\""))
        for n in 1...45 {
            let link = "milestones/\(n)/\""
            XCTAssertEqual([first, second].filter { $0.contains(link) }.count, 1, "milestone \(n) on exactly one page")
        }
        XCTAssertTrue(try read(output + "/browse/status/stuck/index.html").contains("No milestones."))
    }
}
