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

    /// The home page lists the ten most overdue milestones and links to all of them: on a large plan
    /// the whole list made it hundreds of kilobytes.
    func testTheHomePageListsTheMostOverdueAndLinksToAll() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        // Ends from 2025-01 (most overdue) to 2025-12, in the reverse order of their numbers.
        for n in 1...12 { try mini.milestone(n, status: "in-progress", end: String(format: "2025-%02d", 13 - n)) }
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(content: mini.root, output: output, asOf: Day(iso: "2026-01-15")!))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics))
        let home = try read(output + "/index.html")
        let section = try XCTUnwrap(home.components(separatedBy: "<ul class=\"overdue-list\">").dropFirst().first?
            .components(separatedBy: "</section>").first)
        let listed = section.components(separatedBy: "<li>").dropFirst().compactMap { item in
            item.range(of: "milestones/").map { item[$0.upperBound...].prefix { $0.isNumber } }.map(String.init)
        }
        XCTAssertEqual(listed, (3...12).reversed().map(String.init), "the ten that ended first, most overdue first")
        XCTAssertTrue(section.contains("<a href=\"./browse/status/overdue/\">See all 12 overdue milestones</a>"), section)
        let all = try read(output + "/browse/status/overdue/index.html")
        for n in 1...12 { XCTAssertTrue(all.contains("milestones/\(n)/\""), "milestone \(n) is on the full list") }
    }

    /// A paged list is kept page by page: an edit to a milestone's title renders only the page that
    /// lists it; a milestone leaving the list (its count changes, the pages after it shift) renders
    /// the list again. Either way the result is a clean build's.
    func testPagedListsAreKeptPageByPage() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        for n in 1...70 { try mini.milestone(n, status: "in-progress", end: "2026-12") }
        let output = try temporaryFolder(self) + "/site"
        let asOf = Day(iso: "2026-01-15")!
        XCTAssertEqual(Build.run(options(content: mini.root, output: output, asOf: asOf)).errors, 0)
        let inode = { (path: String) in (try FileManager.default.attributesOfItem(atPath: output + "/" + path))[.systemFileNumber] as? Int }
        func rebuild(_ change: () throws -> Void) throws {
            usleep(20_000)
            try change()
            let report = Build.run(options(content: mini.root, output: output, asOf: asOf))
            XCTAssertEqual(report.errors, 0, printed(report.diagnostics))
            let clean = try temporaryFolder(self) + "/clean"
            XCTAssertEqual(Build.run(options(content: mini.root, output: clean, asOf: asOf)).errors, 0)
            XCTAssertEqual(try tree(output), try tree(clean))
        }
        let first = try inode("browse/status/in-progress/index.html")
        let second = try inode("browse/status/in-progress/2/index.html")
        try rebuild { try mini.add("commitments/T0001/milestones/45-m.md", try read(mini.root + "/commitments/T0001/milestones/45-m.md")
            .replacingOccurrences(of: "title: Milestone 45", with: "title: Milestone forty-five")) }
        XCTAssertEqual(try inode("browse/status/in-progress/index.html"), first, "page 1 does not list milestone 45: kept")
        XCTAssertNotEqual(try inode("browse/status/in-progress/2/index.html"), second)
        try rebuild { try mini.milestone(45, status: "complete", end: "2026-12") }
        XCTAssertFalse(try read(output + "/browse/status/in-progress/2/index.html").contains("milestones/45/\""))
        XCTAssertTrue(try read(output + "/browse/status/in-progress/2/index.html").contains("milestones/46/\""))
    }
}
