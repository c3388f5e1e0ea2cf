import Foundation
import XCTest
@testable import WaziKit

final class PublishTests: XCTestCase {
    func testAFailedBuildLeavesThePreviousSiteAsItWas() throws {
        let content = try copyOfExample(self)
        let output = try temporaryFolder(self) + "/site"
        XCTAssertEqual(Build.run(options(content: content, output: output)).errors, 0)
        let before = try tree(output)
        try edit(content + "/commitments/KENMS0005/milestones/1-operationalisation-nccg-ogp-steering-committee.md",
                 replacing: "status: complete", with: "status: finished")
        let report = Build.run(options(content: content, output: output))
        XCTAssertGreaterThan(report.errors, 0)
        XCTAssertEqual(try tree(output), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (output as NSString).deletingLastPathComponent)
        XCTAssertEqual(leftovers.sorted(), [".wazi-cache", "site"],
                       "no staging folder is left behind (an empty one is no spare either)")
    }

    /// The retired site is recycled as the next staging folder, trusting nothing in it: whatever it
    /// holds, the build equals a clean one, and the site in place (which shares its unchanged files'
    /// inodes) is never written through it.
    func testARecycledSpareTrustsNothingItHolds() throws {
        let (content, output, spare, milestone) = try spareSite()
        XCTAssertFalse(FileManager.default.fileExists(atPath: spare), "a first build retires nothing")
        try edit(milestone, replacing: "status: not-started", with: "status: stuck")
        XCTAssertEqual(Build.run(options(content: content, output: output)).errors, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: spare + "/index.html"), "the retired site is the spare")
        let inPlace = try tree(output)

        // Tamper with the spare: a stale file and folder, a folder where a page goes, a file where a
        // folder goes, and a page whose bytes are wrong.
        try write("stale", to: spare + "/old/page.html")
        try FileManager.default.removeItem(atPath: spare + "/notes")
        try write("not a folder", to: spare + "/notes")
        try FileManager.default.removeItem(atPath: spare + "/feed.xml")
        try write("x", to: spare + "/feed.xml/inside")
        let home = spare + "/index.html"
        try FileManager.default.removeItem(atPath: home)
        try write("<p>wrong</p>", to: home)
        XCTAssertEqual(try tree(output), inPlace, "the spare shares no writes with the site in place")

        try edit(milestone, replacing: "status: stuck", with: "status: in-progress")
        try rebuildEqualsCleanBuild(content, output)
    }

    /// Once the build cache knows the inodes of the kept pages, a recycled spare's page is kept only
    /// if it is that very file: one replaced (with wrong bytes), or removed, is made again.
    func testARecycledSpareKeepsOnlyTheRecordedFiles() throws {
        let (content, output, spare, milestone) = try spareSite()
        // Enough rebuilds for a recycled spare whose pages the cache records (the second retires the first site).
        for round in 1...3 {
            try edit(milestone, replacing: "title: \"", with: "title: \"\(round) ")
            XCTAssertEqual(Build.run(options(content: content, output: output)).errors, 0)
        }
        let note = "notes/publishing-committee-minutes-within-30-days/index.html"
        let inPlace = try tree(output)
        XCTAssertNotNil(inPlace[note])
        try FileManager.default.removeItem(atPath: spare + "/" + note)
        try write("<p>wrong</p>", to: spare + "/" + note)
        try FileManager.default.removeItem(atPath: spare + "/fr/" + note)
        XCTAssertEqual(try tree(output), inPlace, "the spare shares no writes with the site in place")

        try edit(milestone, replacing: "title: \"", with: "title: \"4 ")
        let report = try rebuildEqualsCleanBuild(content, output)
        XCTAssertLessThan(report.rendered, report.pages)
        XCTAssertFalse(report.spareTrusted, "a spare changed since it was retired is listed")
    }

    /// A spare nobody touched is taken as the last build described it (not listed, its pages kept
    /// without a look); a file added to the site in place by hand, or one removed from it, is seen
    /// when that site comes back as the spare (its folder changed), and the build equals a clean one.
    func testAnUntouchedSpareIsTrustedAndAChangedOneIsNot() throws {
        let (content, output, _, milestone) = try spareSite()
        var round = 0
        func rebuild() throws -> BuildReport {
            round += 1
            return try editAndRebuild(milestone, round: round, content, output)
        }
        XCTAssertFalse(try rebuild().spareTrusted, "a first build retires nothing: no spare yet")
        XCTAssertTrue(try rebuild().spareTrusted)

        for change in [{ try write("stray", to: output + "/notes/stray.html") },
                       { try write("stray", to: output + "/stray.txt") },
                       { try FileManager.default.removeItem(atPath: output + "/fr/notes/index.html") }] {
            try change()
            XCTAssertTrue(try rebuild().spareTrusted, "the site changed by hand is not the spare yet")
            XCTAssertFalse(try rebuild().spareTrusted, "it is now")
            XCTAssertTrue(try rebuild().spareTrusted)
        }
    }

    /// A file of the spare that no other name shares (wazi.json, which every edit changes) is written
    /// over in place, its pages reused; one linked elsewhere too (a copy a user keeps with `ln`) or
    /// whose permissions were changed is replaced, never changed itself.
    func testTheSparesOwnFilesAreWrittenOverAndSharedOnesAreNot() throws {
        let (content, output, _, milestone) = try spareSite()
        let wazi = output + "/data/wazi.json"
        func info(_ path: String) -> stat { fileStatus(path) }
        var round = 0
        func rebuild() throws {
            round += 1
            try editAndRebuild(milestone, round: round, content, output)
        }
        let first = info(wazi).st_ino
        try rebuild()
        try rebuild()
        XCTAssertEqual(info(wazi).st_ino, first, "round 2 went into the first site, retired by round 1: its file, written over")

        let kept = (output as NSString).deletingLastPathComponent + "/kept.json"
        XCTAssertEqual(link(wazi, kept), 0)
        let keptBytes = try Data(contentsOf: URL(fileURLWithPath: kept))
        let mode = info(wazi).st_mode & 0o7777
        XCTAssertEqual(chmod(output + "/data/milestones.csv", 0o600), 0)
        try rebuild()
        try rebuild()
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: kept)), keptBytes, "a file linked elsewhere is never written through")
        XCTAssertNotEqual(info(wazi).st_ino, info(kept).st_ino)
        XCTAssertEqual(info(wazi).st_mode & 0o7777, mode)
        XCTAssertEqual(info(output + "/data/milestones.csv").st_mode & 0o7777, mode, "a file whose permissions changed is made again")
    }

    /// A file the last build kept (its inode recorded as the site in place's) is never written over,
    /// even once its other name was removed by hand: a build failing after that would leave changed
    /// bytes under an inode the next build keeps without reading them.
    func testARecordedFileIsNeverWrittenOverEvenWhenNoOtherNameSharesIt() throws {
        let (content, output, spare, milestone) = try spareSite()
        let other = content + "/commitments/KENMS0005/milestones/1-operationalisation-nccg-ogp-steering-committee.md"
        let page = "/commitments/kenms0005/milestones/1/index.html"
        func inode(_ path: String) -> UInt64 { UInt64(fileStatus(path).st_ino) }
        // The first rebuild retires the first site; the second keeps the page from it.
        for round in 1...2 { try editAndRebuild(milestone, round: round, content, output) }
        let kept = inode(output + page)
        XCTAssertEqual(inode(spare + page), kept, "kept: one file in both sites")
        try FileManager.default.removeItem(atPath: output + page)
        // Held open (which links nothing): its bytes tell whether it was written over, and its inode
        // cannot be reused for the new file.
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: spare + page))
        defer { try? handle.close() }
        let before = try handle.readToEnd()
        try edit(other, replacing: "title: \"", with: "title: \"3 ")
        try rebuildEqualsCleanBuild(content, output)
        try handle.seek(toOffset: 0)
        XCTAssertEqual(try handle.readToEnd(), before, "made anew, not written over")
        XCTAssertNotEqual(inode(output + page), kept)
    }

    /// A copy of the example built once into `site`, with where its spare goes and the milestone
    /// the spare tests edit.
    private func spareSite() throws -> (content: String, output: String, spare: String, milestone: String) {
        let content = try copyOfExample(self)
        let folder = try temporaryFolder(self)
        let output = folder + "/site"
        XCTAssertEqual(Build.run(options(content: content, output: output)).errors, 0)
        return (content, output, folder + "/.site.wazi-spare",
                content + "/commitments/KENMS0005/milestones/6-capacity-building-of-implementing-actors.md")
    }

    /// Puts `round` before the milestone's title, then rebuilds (see `rebuildEqualsCleanBuild`).
    @discardableResult
    private func editAndRebuild(_ milestone: String, round: Int, _ content: String, _ output: String,
                                file: StaticString = #filePath, line: UInt = #line) throws -> BuildReport {
        try edit(milestone, replacing: "title: \"", with: "title: \"\(round) ", file: file, line: line)
        return try rebuildEqualsCleanBuild(content, output, "round \(round)", file: file, line: line)
    }

    /// Rebuilds `output` and checks it is the same as a clean build of `content` beside it.
    @discardableResult
    private func rebuildEqualsCleanBuild(_ content: String, _ output: String, _ message: String = "",
                                         file: StaticString = #filePath, line: UInt = #line) throws -> BuildReport {
        let report = Build.run(options(content: content, output: output))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics), file: file, line: line)
        let clean = (output as NSString).deletingLastPathComponent + "/clean"
        FileTree.remove(clean)
        XCTAssertEqual(Build.run(options(content: content, output: clean)).errors, 0, file: file, line: line)
        XCTAssertEqual(try tree(output), try tree(clean), message, file: file, line: line)
        return report
    }

    func testASuccessfulBuildRemovesFilesThatNoLongerBelong() throws {
        let content = try copyOfExample(self)
        let output = try temporaryFolder(self) + "/site"
        try write("stale", to: output + "/old/page.html")
        XCTAssertEqual(Build.run(options(content: content, output: output)).errors, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output + "/old/page.html"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output + "/index.html"))
    }

    func testOnlyChangedFilesAreRewritten() throws {
        let content = try copyOfExample(self)
        let output = try temporaryFolder(self) + "/site"
        let first = Build.run(options(content: content, output: output))
        XCTAssertEqual(first.published.unchanged, 0)
        let inode = { (path: String) in (try FileManager.default.attributesOfItem(atPath: output + "/" + path))[.systemFileNumber] as? Int }
        let home = try inode("index.html"), note = try inode("notes/publishing-committee-minutes-within-30-days/index.html")
        try edit(content + "/commitments/KENMS0005/milestones/6-capacity-building-of-implementing-actors.md",
                 replacing: "status: not-started", with: "status: stuck")
        let second = Build.run(options(content: content, output: output))
        XCTAssertEqual(second.errors, 0, printed(second.diagnostics))
        XCTAssertEqual(try inode("notes/publishing-committee-minutes-within-30-days/index.html"), note, "same bytes: kept")
        XCTAssertNotEqual(try inode("index.html"), home, "the home page shows the new status: rewritten")
        XCTAssertGreaterThan(second.published.unchanged, 0)
        XCTAssertGreaterThan(second.published.written, 0)
        XCTAssertEqual(second.published.written + second.published.unchanged, second.files)
    }

    func testStagingFoldersOfKilledBuildsAreCleanedUp() throws {
        let output = try temporaryFolder(self) + "/site"
        let abandoned = (output as NSString).deletingLastPathComponent + "/.site.wazi-new-99999"
        try write("half", to: abandoned + "/index.html")
        XCTAssertEqual(Build.run(options(output: output)).errors, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned))
    }

    /// The command line: a content error exits 1 with `path:line:column: error:`, usage errors exit 2.
    func testCommandLineExitCodes() throws {
        let binary = packageRoot + "/.build/debug/wazi"
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "swift test builds the wazi executable")
        let content = try copyOfExample(self)
        try edit(content + "/site.yaml", replacing: "member:", with: "membre:")
        let output = try temporaryFolder(self) + "/site"
        let bad = try run(binary, ["build", "--content", content, "--output", output, "--as-of", "2026-11-27"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains(content + "/site.yaml:1:1: error: missing required key 'member'"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains(content + "/site.yaml:"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("unknown key 'membre' in site.yaml; did you mean 'member'?"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        XCTAssertEqual(try run(binary, ["build", "--as-of", "tomorrow"]).status, 2)
        XCTAssertEqual(try run(binary, ["frobnicate"]).status, 2)
        let good = try run(binary, ["check", "--content", exampleContent, "--templates", defaultTheme, "--as-of", "2026-11-27"])
        XCTAssertEqual(good.status, 0, good.stderr)
    }

    private func run(_ binary: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A build killed with SIGKILL at any moment leaves the previous site byte for byte.
final class KilledBuildTests: XCTestCase {
    func testKillingABuildAtAnyMomentKeepsThePreviousSite() throws {
        let binary = packageRoot + "/.build/debug/wazi"
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary))
        let mini = try MiniSite(self)
        try mini.commitment()
        // Enough pages that a build takes a good fraction of a second.
        let body = String(repeating: "Some *text* with a [link](https://example.org) and a list:\n\n- a\n- b\n\n", count: 40)
        for n in 1...400 {
            try write("---\nnumber: \(n)\ntitle: Milestone \(n)\nstart: 2025-01\nend: 2026-12\nstatus: in-progress\n---\n\(body)",
                      to: mini.root + "/commitments/T0001/milestones/\(n)-m.md")
        }
        let folder = try temporaryFolder(self)
        func arguments(_ output: String) -> [String] {
            ["build", "--content", mini.root, "--templates", defaultTheme, "--output", output, "--as-of", "2026-01-15"]
        }
        // The two versions of the site a build may leave: the old one, or the complete new one.
        let titles = ["title: Test plan", "title: Changed plan"]
        var trees: [[String: Data]] = []
        for (index, title) in titles.enumerated() {
            if index > 0 { try edit(mini.root + "/site.yaml", replacing: titles[index - 1], with: title) }
            XCTAssertEqual(try launch(binary, arguments(folder + "/v\(index)")).wait(), 0)
            trees.append(try tree(folder + "/v\(index)"))
        }
        XCTAssertNotEqual(trees[0], trees[1])
        XCTAssertGreaterThan(trees[0].count, 400)
        let output = folder + "/site"
        try FileManager.default.copyItem(atPath: folder + "/v1", toPath: output)
        var current = 1
        var generator = SplitMix64(seed: 42)
        var killedMidway = 0
        for attempt in 0..<12 {
            let next = 1 - current
            try edit(mini.root + "/site.yaml", replacing: titles[current], with: titles[next])
            let process = try launch(binary, arguments(output))
            usleep(UInt32(generator.next() % 900_000))
            kill(process.processIdentifier, SIGKILL)
            _ = process.wait()
            let after = try tree(output)
            if after == trees[next] {
                current = next
            } else {
                XCTAssertTrue(after == trees[current], "attempt \(attempt): the site is neither the old nor the new one")
                killedMidway += 1
                try edit(mini.root + "/site.yaml", replacing: titles[next], with: titles[current])
            }
        }
        XCTAssertGreaterThan(killedMidway, 0, "no kill landed during a build; the test proved nothing")
    }

    private func launch(_ binary: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

extension Process {
    func wait() -> Int32 {
        waitUntilExit()
        return terminationReason == .uncaughtSignal ? -terminationStatus : terminationStatus
    }
}


/// Removing folders with POSIX calls (`FileTree`) never follows a symbolic link out of the tree.
final class FileTreeTests: XCTestCase {
    func testRemovalDeletesLinksNotWhatTheyPointTo() throws {
        let root = try temporaryFolder(self)
        let keep = root + "/keep"
        try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: URL(fileURLWithPath: keep + "/file.txt"))
        let doomed = root + "/doomed"
        try FileManager.default.createDirectory(atPath: doomed + "/a/b", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: doomed + "/a/b/page.html"))
        try FileManager.default.createSymbolicLink(atPath: doomed + "/a/link", withDestinationPath: keep)
        try FileManager.default.createSymbolicLink(atPath: root + "/alias", withDestinationPath: keep)

        XCTAssertEqual(FileTree.files(under: doomed).sorted(), ["a/b/page.html", "a/link"])
        FileTree.remove(doomed)
        FileTree.remove(root + "/alias")
        XCTAssertFalse(FileManager.default.fileExists(atPath: doomed))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/alias"))
        XCTAssertEqual(try String(contentsOfFile: keep + "/file.txt", encoding: .utf8), "precious")
    }

    /// The stamps' walk (`regularFiles`) finds what `files(under:)` finds and stat follows: regular
    /// files at any depth and links to files, not links to folders nor what they hold; the same on
    /// any number of threads.
    func testRegularFilesAreThoseAStatWouldCall() throws {
        let root = try temporaryFolder(self)
        let fm = FileManager.default
        for folder in ["tree/a/b/c", "tree/empty", "tree/wide", "elsewhere"] {
            try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        var expected = ["top.md", "a/one.md", "a/b/two.md", "a/b/c/three.md", "file-link", ".hidden"]
        for index in 0..<300 { expected.append("wide/\(index).md") }
        for path in expected where path != "file-link" {
            try Data(path.utf8).write(to: URL(fileURLWithPath: root + "/tree/" + path))
        }
        try Data("outside".utf8).write(to: URL(fileURLWithPath: root + "/elsewhere/x.md"))
        try fm.createSymbolicLink(atPath: root + "/tree/file-link", withDestinationPath: root + "/elsewhere/x.md")
        try fm.createSymbolicLink(atPath: root + "/tree/folder-link", withDestinationPath: root + "/elsewhere")
        try fm.createSymbolicLink(atPath: root + "/tree/broken", withDestinationPath: root + "/nowhere")

        for threads in [1, 2, 8] {
            let found = FileTree.regularFiles(under: root + "/tree", threads: threads)
            XCTAssertEqual(found.map(\.path).sorted(), expected.sorted(), "\(threads) threads")
            let link = try XCTUnwrap(found.first { $0.path == "file-link" })
            XCTAssertEqual(link.info.st_size, 7, "a link is stamped as the file it leads to")
        }
        XCTAssertEqual(FileTree.regularFiles(under: root + "/missing", threads: 2).count, 0)
    }
}
