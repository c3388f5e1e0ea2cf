import XCTest
@testable import WaziKit

/// What `wazi serve` rebuilds on: every change below its folders, including in folders made after it
/// started, reported once per burst; nothing for the names the content loader skips.
final class FileWatcherTests: XCTestCase {
    private var root = ""
    private let fm = FileManager.default

    override func setUpWithError() throws {
        root = try temporaryFolder(self) + "/content"
        try fm.createDirectory(atPath: root + "/commitments/A/milestones", withIntermediateDirectories: true)
        try "a".write(toFile: root + "/commitments/A/milestones/1.md", atomically: false, encoding: .utf8)
    }

    /// Each change is reported by the next wait; then nothing is, until the next change.
    private func assertReported(_ watcher: FileWatcher, _ what: String, line: UInt = #line, _ change: () throws -> Void) throws {
        try change()
        XCTAssertTrue(watcher.wait(timeout: 2), what, line: line)
        XCTAssertFalse(watcher.wait(timeout: 0.1), "\(what): reported once", line: line)
    }

    func testEveryKindOfChangeIsReportedOnce() throws {
        let watcher = FileWatcher(roots: [root], pollInterval: 0.02)
        XCTAssertFalse(watcher.wait(timeout: 0.1), "nothing changed")
        let milestone = root + "/commitments/A/milestones/1.md"
        try assertReported(watcher, "a file written in a nested folder") {
            try "b".write(toFile: milestone, atomically: false, encoding: .utf8)
        }
        try assertReported(watcher, "a file saved by renaming a new one over it") {
            try "cc".write(toFile: milestone, atomically: true, encoding: .utf8)
        }
        try assertReported(watcher, "a folder made after the watch started") {
            try fm.createDirectory(atPath: root + "/commitments/B/milestones", withIntermediateDirectories: true)
        }
        try assertReported(watcher, "a file in that new folder") {
            try "d".write(toFile: root + "/commitments/B/milestones/1.md", atomically: false, encoding: .utf8)
        }
        try assertReported(watcher, "a file removed") { try fm.removeItem(atPath: milestone) }
        try assertReported(watcher, "a folder renamed") {
            try fm.moveItem(atPath: root + "/commitments/B", toPath: root + "/commitments/C")
        }
        try assertReported(watcher, "a file in the renamed folder") {
            try "e".write(toFile: root + "/commitments/C/milestones/1.md", atomically: false, encoding: .utf8)
        }
    }

    func testSkippedNamesChangeNothing() throws {
        let watcher = FileWatcher(roots: [root], pollInterval: 0.02)
        let folder = root + "/commitments/A/milestones"
        try "x".write(toFile: folder + "/.1.md.swp", atomically: false, encoding: .utf8)
        try "x".write(toFile: folder + "/1.md~", atomically: false, encoding: .utf8)
        try fm.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
        try "x".write(toFile: root + "/.git/index", atomically: false, encoding: .utf8)
        XCTAssertFalse(watcher.wait(timeout: 0.3))
    }

    /// A burst of saves (a script writing many files) is one change, reported once it stops.
    func testABurstIsOneChange() throws {
        let watcher = FileWatcher(roots: [root], pollInterval: 0.02)
        for number in 2...40 {
            try "m".write(toFile: root + "/commitments/A/milestones/\(number).md", atomically: false, encoding: .utf8)
        }
        XCTAssertTrue(watcher.wait(timeout: 2))
        XCTAssertFalse(watcher.wait(timeout: 0.1))
    }

    /// Changes that never stop (a program writing into the folder every 10 ms) are still reported,
    /// within half a second of the first.
    func testChangesThatNeverStopAreReportedAnyway() throws {
        let watcher = FileWatcher(roots: [root], pollInterval: 0.02)
        let done = DispatchSemaphore(value: 0)
        let writing = Thread { [root] in
            for number in 0..<150 {
                try? "\(number)".write(toFile: root + "/notes.md", atomically: false, encoding: .utf8)
                usleep(10_000)
            }
            done.signal()
        }
        writing.start()
        let start = Date()
        XCTAssertTrue(watcher.wait(timeout: 5))
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.2, "reported while the writes go on")
        done.wait()
    }

    /// The folders each change is reported in: the file's folder, whatever the file's name; a new
    /// folder with every folder in it.
    func testChangesNameTheirFolders() throws {
        let watcher = FileWatcher(roots: [root], pollInterval: 0.02)
        XCTAssertEqual(watcher.takeChanges()[root], .some([]))
        try "b".write(toFile: root + "/commitments/A/milestones/1.md", atomically: true, encoding: .utf8)
        try "x".write(toFile: root + "/commitments/A/.notes.swp", atomically: false, encoding: .utf8)
        XCTAssertTrue(watcher.wait(timeout: 2))
        XCTAssertEqual(watcher.takeChanges()[root], .some(["commitments/A/milestones", "commitments/A"]))
        try fm.createDirectory(atPath: root + "/commitments/B/milestones/old", withIntermediateDirectories: true)
        XCTAssertTrue(watcher.wait(timeout: 2))
        let made = try XCTUnwrap(watcher.takeChanges()[root] ?? nil)
        XCTAssertTrue(made.isSuperset(of: ["commitments", "commitments/B"]), "\(made)")
        XCTAssertFalse(watcher.wait(timeout: 0.1))
        XCTAssertEqual(watcher.takeChanges()[root], .some([]))
    }

    /// A session that is told of the changes lists only the changed folders again, and stamps the
    /// inputs exactly as a walk of every folder does, whatever the change.
    func testASessionsWalkStampsAsAFullWalk() throws {
        let output = try temporaryFolder(self) + "/site"
        let build = options(content: root, templates: root + "/../templates", output: output)
        try fm.createDirectory(atPath: build.templates, withIntermediateDirectories: true)
        let watcher = FileWatcher(roots: [root], pollInterval: 0.02)
        let session = BuildSession()
        session.watch([root])
        _ = BuildCache.stamp(build, walks: session.walks)
        let folder = root + "/commitments/A/milestones"
        let changes: [(String, () throws -> Void)] = [
            ("a file edited", { try "edited".write(toFile: folder + "/1.md", atomically: false, encoding: .utf8) }),
            ("a file saved by renaming", { try "saved".write(toFile: folder + "/1.md", atomically: true, encoding: .utf8) }),
            ("a dotfile", { try "x".write(toFile: folder + "/.1.md.swp", atomically: false, encoding: .utf8) }),
            ("a folder with files", {
                try self.fm.createDirectory(atPath: self.root + "/commitments/B/milestones", withIntermediateDirectories: true)
                try "b".write(toFile: self.root + "/commitments/B/index.md", atomically: false, encoding: .utf8)
                try "b1".write(toFile: self.root + "/commitments/B/milestones/1.md", atomically: false, encoding: .utf8)
            }),
            ("a folder removed and made again with other files, between two builds", {
                try self.fm.removeItem(atPath: folder)
                try self.fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try "three".write(toFile: folder + "/3.md", atomically: false, encoding: .utf8)
            }),
            ("a folder moved away and another moved in under its name", {
                let outside = self.root + "/../outside"
                try self.fm.createDirectory(atPath: outside + "/milestones", withIntermediateDirectories: true)
                try "four".write(toFile: outside + "/milestones/4.md", atomically: false, encoding: .utf8)
                try self.fm.moveItem(atPath: folder, toPath: outside + "/old")
                try self.fm.moveItem(atPath: outside + "/milestones", toPath: folder)
            }),
            ("a folder removed", { try self.fm.removeItem(atPath: self.root + "/commitments/A") }),
            ("a folder renamed", { try self.fm.moveItem(atPath: self.root + "/commitments/B", toPath: self.root + "/commitments/C") }),
            ("a folder made again under a removed one's name, other files in it", {
                try self.fm.createDirectory(atPath: self.root + "/commitments/B/milestones", withIntermediateDirectories: true)
                try "again".write(toFile: self.root + "/commitments/B/milestones/2.md", atomically: false, encoding: .utf8)
            }),
        ]
        for (what, change) in changes {
            usleep(20_000)
            try change()
            _ = watcher.wait(timeout: 0.3)
            for (changedRoot, folders) in watcher.takeChanges() { session.changed(changedRoot, folders: folders) }
            let kept = BuildCache.stamp(build, walks: session.walks), full = BuildCache.stamp(build)
            XCTAssertEqual(kept.digest, full.digest, what)
            XCTAssertEqual(kept.content, full.content, what)
            XCTAssertEqual(kept.contentListings?.mapValues { Set($0.map(\.name)) }, full.contentListings?.mapValues { Set($0.map(\.name)) }, what)
        }
        XCTAssertEqual(session.walks[root]?.changed, [], "each walk starts the next one's list of changes")
    }

    /// The folder replaced as a whole (a checkout of another branch): changes inside the new one are seen.
    func testARootReplacedIsWatchedAgain() throws {
        let watcher = FileWatcher(roots: [root], pollInterval: 0.02)
        let moved = root + ".old"
        try assertReported(watcher, "the root moved away") { try fm.moveItem(atPath: root, toPath: moved) }
        try assertReported(watcher, "another folder made under its name") {
            try fm.createDirectory(atPath: root + "/notes", withIntermediateDirectories: true)
        }
        try assertReported(watcher, "a file in the new root") {
            try "n".write(toFile: root + "/notes/1.md", atomically: false, encoding: .utf8)
        }
    }
}
