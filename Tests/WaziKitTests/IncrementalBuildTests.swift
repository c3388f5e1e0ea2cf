import XCTest
@testable import WaziKit

/// A rebuild after a change gives exactly the bytes of a clean build, while redoing only what changed.
/// Every rebuild is made twice: by a one-shot build, and into a second output through a `BuildSession`
/// (as `wazi serve` builds), which takes what it can from memory instead of the caches.
final class IncrementalBuildTests: XCTestCase {
    let session = BuildSession()
    var sessionOutput = ""
    /// The session's report of the last `rebuild`.
    var resident = BuildReport(diagnostics: [], pages: 0, files: 0)
    var content = ""
    var theme = ""
    var output = ""

    override func setUpWithError() throws {
        let folder = try temporaryFolder(self)
        content = folder + "/content"
        theme = folder + "/templates"
        output = folder + "/site"
        sessionOutput = folder + "/session/site"
        try FileManager.default.copyItem(atPath: exampleContent, toPath: content)
        try FileManager.default.copyItem(atPath: defaultTheme, toPath: theme)
        let first = Build.run(options(content: content, templates: theme, output: output))
        XCTAssertEqual(first.errors, 0, printed(first.diagnostics))
        XCTAssertEqual(Build.run(options(content: content, templates: theme, output: sessionOutput), session: session).errors, 0)
    }

    var milestone6: String { content + "/commitments/KENMS0005/milestones/6-capacity-building-of-implementing-actors.md" }

    /// Applies `change`, rebuilds incrementally, and compares with a clean build of the same input.
    @discardableResult
    func rebuild(asOf: Day = exampleAsOf, file: StaticString = #filePath, line: UInt = #line,
                         _ change: () throws -> Void) throws -> BuildReport {
        // File times have a resolution: make sure an edit is seen as one.
        usleep(20_000)
        try change()
        let report = Build.run(options(content: content, templates: theme, output: output, asOf: asOf))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics), file: file, line: line)
        resident = Build.run(options(content: content, templates: theme, output: sessionOutput, asOf: asOf), session: session)
        XCTAssertEqual(resident.errors, 0, printed(resident.diagnostics), file: file, line: line)
        // Its caches, written after the swap, and what it keeps in memory (the next build would wait too).
        session.settle()
        // The rows it keeps are those it wrote.
        let rowsWritten = RowCache.read(output: sessionOutput), rowsKept = try XCTUnwrap(session.rows, file: file, line: line)
        XCTAssertEqual(rowsKept.global, rowsWritten.global, file: file, line: line)
        XCTAssertEqual(rowsKept.entries.count, rowsWritten.entries.count, file: file, line: line)
        for (kept, written) in zip(rowsKept.entries, rowsWritten.entries) {
            XCTAssertEqual(rowsKept.bytes[kept.whole], rowsWritten.bytes[written.whole], file: file, line: line)
        }
        // A row made again replaces the one stored: each key once.
        XCTAssertEqual(Set(rowsWritten.entries.map { rowsWritten.bytes[$0.key] }).count, rowsWritten.entries.count, file: file, line: line)
        // The session takes from memory every file it does not parse, at least those the one-shot
        // build takes from the cache (more when a test damaged that cache).
        XCTAssertEqual(report.rememberedFiles, 0, file: file, line: line)
        if report.replayed.isEmpty {
            XCTAssertEqual(resident.rememberedFiles, resident.reusedFiles, "session files", file: file, line: line)
            XCTAssertGreaterThanOrEqual(resident.reusedFiles, report.reusedFiles, "session files", file: file, line: line)
            XCTAssertEqual(resident.rendered, report.rendered, "session pages", file: file, line: line)
        }
        let clean = try temporaryFolder(self) + "/clean"
        let cleanReport = Build.run(options(content: content, templates: theme, output: clean, asOf: asOf))
        XCTAssertEqual(cleanReport.errors, 0)
        // The same diagnostics too, whether the model was loaded, taken decoded or patched.
        XCTAssertEqual(resident.diagnostics, cleanReport.diagnostics, "session diagnostics", file: file, line: line)
        if report.replayed.isEmpty {
            XCTAssertEqual(report.diagnostics, cleanReport.diagnostics, "diagnostics", file: file, line: line)
        } else {
            XCTAssertEqual(report.replayed, cleanReport.diagnostics.map(\.description), "diagnostics", file: file, line: line)
        }
        let expected = try tree(clean)
        for (name, folder) in [("incremental", output), ("session", sessionOutput)] {
            let incremental = try tree(folder)
            XCTAssertEqual(incremental.keys.sorted(), expected.keys.sorted(), name, file: file, line: line)
            for (path, bytes) in expected where incremental[path] != bytes {
                XCTFail("\(name): \(path) differs from a clean build", file: file, line: line)
            }
            // What the next build trusts without a look: each file's record is that file's.
            let cache = try XCTUnwrap(BuildCache.read(output: folder), name, file: file, line: line)
            XCTAssertEqual(cache.pages.paths.count, cache.pages.outputs.count, name, file: file, line: line)
            XCTAssertEqual(Set(cache.paths), Set(expected.keys), name, file: file, line: line)
            for (path, record) in zip(cache.pages.paths, cache.pages.outputs) + cache.others.map({ ($0.key, $0.value) }) {
                let info = fileStatus(folder + "/" + path, file: file, line: line)
                XCTAssertEqual(Int(info.st_size), record.size, "\(name): \(path)", file: file, line: line)
                if record.inode != 0 { XCTAssertEqual(UInt64(info.st_ino), record.inode, "\(name): \(path)", file: file, line: line) }
            }
        }
        return report
    }

    /// A one-shot build of the session's output between two of its builds (`wazi build` while
    /// `wazi serve` runs on the same folder): the session's next build does not take the site in
    /// place for the one it made, and gives the bytes of a clean build.
    func testASessionNoticesAnotherBuildOfItsOutput() throws {
        for round in 1...3 {
            try rebuild { try edit(milestone6, replacing: "title: \"", with: "title: \"Round \(round) – ") }
            XCTAssertNotNil(session.cache(output: sessionOutput))
            usleep(20_000)
            try edit(milestone6, replacing: "title: \"Round \(round) – ", with: "title: \"")
            let other = Build.run(options(content: content, templates: theme, output: sessionOutput))
            XCTAssertEqual(other.errors, 0)
            XCTAssertGreaterThan(other.published.written, 0)
            XCTAssertNil(session.cache(output: sessionOutput), "the session's cache describes the folder that build retired")
        }
    }

    func testNothingChangedDoesNothing() throws {
        let report = try rebuild {}
        XCTAssertEqual(report.rendered, 0)
        XCTAssertEqual(report.published.written, 0)
    }

    func testEditingOneMilestoneRendersOnlyWhatShowsIt() throws {
        let inode = { (path: String) in (try FileManager.default.attributesOfItem(atPath: self.output + "/" + path))[.systemFileNumber] as? Int }
        let meetings = try inode("data/meetings.csv"), notes = try inode("data/excel/notes.csv")
        let calendar = try inode("meetings.ics"), sitemap = try inode("sitemap.xml")
        let report = try rebuild { try edit(milestone6, replacing: "status: not-started", with: "status: stuck") }
        // The tables of meetings and notes, and the meetings' calendar, do not show milestones, and the
        // sitemap lists the same pages: kept as they were.
        XCTAssertEqual(try inode("data/meetings.csv"), meetings)
        XCTAssertEqual(try inode("data/excel/notes.csv"), notes)
        XCTAssertEqual(try inode("meetings.ics"), calendar)
        XCTAssertEqual(try inode("sitemap.xml"), sitemap)
        XCTAssertGreaterThan(report.rendered, 0)
        XCTAssertLessThan(report.rendered, report.pages, "pages that do not show milestone 6 are kept")
        // Lists re-rendered for milestone 6 keep the other rows; wazi.json keeps the meetings and notes
        // (the one commitment holds milestone 6, so its item is encoded again).
        XCTAssertGreaterThan(report.reusedRows, 0)
        XCTAssertGreaterThan(report.reusedDataItems, 0)
        // Every other content file is taken decoded from the cache, not parsed again.
        let files = try FileManager.default.subpathsOfDirectory(atPath: content)
            .filter { $0.hasSuffix(".md") && $0.split(separator: ".").count == 2 }
        XCTAssertEqual(report.reusedFiles, files.count - 1)
        XCTAssertEqual(resident.rememberedFiles, files.count - 1)
        XCTAssertTrue(resident.keptScan, "the same files: the session's tree is taken again")
    }

    /// A document changed in place under files/ (the same name, so the same listings) is checked
    /// again: a session takes its last scan only when no file but Markdown changed.
    func testADocumentChangedInPlaceIsCheckedAgain() throws {
        let svg = content + "/files/chart.svg"
        try rebuild { try write("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n", to: svg) }
        usleep(20_000)
        try write("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\n", to: svg)
        for (name, folder, session) in [("one-shot", output, nil), ("session", sessionOutput, session)] {
            let report = Build.run(options(content: content, templates: theme, output: folder), session: session)
            XCTAssertTrue(report.diagnostics.contains { $0.severity == .error && $0.message.contains("<script") },
                          "\(name): \(printed(report.diagnostics))")
            XCTAssertFalse(report.keptScan, name)
        }
    }

    /// A translation added, changed or removed is a change of its group: the cached decoding is not used.
    func testTranslationsInvalidateTheirFile() throws {
        let french = content + "/commitments/KENMS0005/milestones/6-capacity-building-of-implementing-actors.fr.md"
        try rebuild { try write("---\ntitle: Renforcement des capacités (exemple)\n---\nTexte.\n", to: french) }
        try rebuild { try edit(french, replacing: "Texte.", with: "Autre texte.") }
        try rebuild { try FileManager.default.removeItem(atPath: french) }
    }

    func testATemplateChangeReachesEveryPage() throws {
        let report = try rebuild { try edit(theme + "/partials/badge.mustache", replacing: "class=\"badge", with: "class=\"badge pill") }
        XCTAssertEqual(report.rendered, report.pages)
        XCTAssertEqual(report.reusedRows, 0, "rows are kept only under the same theme, site.yaml, options and date")
        XCTAssertEqual(report.reusedDataItems, 0)
    }

    /// The kept rows and wazi.json items are checked before use: a damaged cache, or a document
    /// changed by hand, is not copied from.
    func testDamagedCachesAndAChangedDocumentAreNotCopied() throws {
        let cache = (output as NSString).deletingLastPathComponent + "/.wazi-cache/site"
        try rebuild {
            try edit(milestone6, replacing: "status: not-started", with: "status: stuck")
            let rows = try XCTUnwrap(FileManager.default.contents(atPath: cache + ".rows"))
            try rows.prefix(rows.count / 2).write(to: URL(fileURLWithPath: cache + ".rows"))
            try (read(output + "/data/wazi.json") + " ").write(toFile: output + "/data/wazi.json", atomically: false, encoding: .utf8)
        }
        // A records file that points into the wrong places: the copied bytes do not look like items.
        try rebuild {
            try edit(milestone6, replacing: "status: stuck", with: "status: in-progress")
            var records = try XCTUnwrap(FileManager.default.contents(atPath: cache + ".records"))
            let document = try XCTUnwrap(FileManager.default.contents(atPath: output + "/data/wazi.json"))
            // Shift every recorded place by one byte (each item's place is its last two numbers).
            records = try shiftedPlaces(records, documentSize: document.count)
            try records.write(to: URL(fileURLWithPath: cache + ".records"))
        }
    }

    /// wazi.json changed by hand in place, to the same length, is not copied from: its items are
    /// encoded again (the bytes could be anything; only the file's change time tells).
    func testADocumentChangedInPlaceToTheSameLengthIsNotCopied() throws {
        try rebuild { try edit(milestone6, replacing: "status: not-started", with: "status: stuck") }
        let report = try rebuild {
            for folder in [output, sessionOutput] {
                let path = folder + "/data/wazi.json"
                let text = try read(path)
                let changed = text.replacingOccurrences(of: "\"status\": \"complete\"", with: "\"status\": \"COMPLETE\"")
                XCTAssertNotEqual(changed, text)
                XCTAssertEqual(changed.utf8.count, text.utf8.count)
                let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                try file.write(contentsOf: Data(changed.utf8))
                try file.close()
            }
            try edit(milestone6, replacing: "status: stuck", with: "status: in-progress")
        }
        XCTAssertEqual(report.reusedDataItems, 0)
        XCTAssertEqual(resident.reusedDataItems, 0)
        // And the next rebuild copies from the document it wrote.
        let next = try rebuild { try edit(milestone6, replacing: "status: in-progress", with: "status: stuck") }
        XCTAssertGreaterThan(next.reusedDataItems, 0)
    }

    /// Decoded files kept in a damaged form (each entry cut short by a byte, in a file otherwise
    /// intact) are not taken: every file is read again, the site is what a clean build makes, and
    /// the next rebuild has a sound cache again. (A commitment is edited: a milestone's edit would
    /// patch the kept model, see `KeptModel`, and read no decoded file.)
    func testDamagedDecodedEntriesAreReadAgain() throws {
        let cache = (output as NSString).deletingLastPathComponent + "/.wazi-cache/site.decoded"
        let report = try rebuild {
            try edit(content + "/commitments/KENMS0005/index.md", replacing: "title: ", with: "title: Renamed ")
            var reader = CacheFile.Reader(source: [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: cache))))
            var out: [UInt8] = []
            func put(_ bytes: some Collection<UInt8>) {
                withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { out += $0 }
                out += bytes
            }
            for _ in 0..<2 { put(try XCTUnwrap(reader.text()).utf8) }  // kind, global
            var entries = 0
            while !reader.atEnd {
                put(try XCTUnwrap(reader.text()).utf8)  // file
                withUnsafeBytes(of: try XCTUnwrap(reader.number()).littleEndian) { out += $0 }  // stamp
                put(reader.source[try XCTUnwrap(reader.range())].dropLast())
                entries += 1
            }
            XCTAssertGreaterThan(entries, 10)
            try Data(out).write(to: URL(fileURLWithPath: cache))
        }
        XCTAssertEqual(report.reusedFiles, 0)
        XCTAssertGreaterThan(resident.rememberedFiles, 10, "the session's memory is not the damaged file")
        let again = try rebuild { try edit(milestone6, replacing: "status: not-started", with: "status: in-progress") }
        XCTAssertGreaterThan(again.reusedFiles, 10)
    }

    /// After a milestone's title changes, only its own row of the tables is made again: the other
    /// rows are copied, and tables whose bytes did not change keep their files.
    func testEditingOneMilestoneCopiesTheOtherTableRows() throws {
        let inode = { (path: String) in (try FileManager.default.attributesOfItem(atPath: self.output + "/" + path))[.systemFileNumber] as? Int }
        let commitments = try inode("data/commitments.csv"), updates = try inode("data/excel/milestone_updates.csv")
        let report = try rebuild { try edit(milestone6, replacing: "title: \"", with: "title: \"Renamed – ") }
        XCTAssertTrue(try read(output + "/data/milestones.csv").contains("Renamed – "))
        XCTAssertEqual(try inode("data/commitments.csv"), commitments, "a milestone's title is not in the commitments table")
        XCTAssertEqual(try inode("data/excel/milestone_updates.csv"), updates)
        XCTAssertGreaterThan(report.reusedTableItems, 0)
    }

    /// The feeds are kept while the items they list, and their files, are the same; an edit that
    /// reaches what they show remakes them (compared with a clean build).
    func testFeedsAreKeptUnlessWhatTheyListChanges() throws {
        let inode = { (path: String) in (try FileManager.default.attributesOfItem(atPath: self.output + "/" + path))[.systemFileNumber] as? Int }
        let feeds = ["feed.xml", "fr/feed.xml", "sw/feed.xml"]
        let before = try feeds.map(inode)
        // Milestone 6 has no update: it is not in the feeds.
        try rebuild { try edit(milestone6, replacing: "title: \"", with: "title: \"Renamed – ") }
        XCTAssertEqual(try feeds.map(inode), before)
        // An update puts it in.
        try rebuild {
            try edit(milestone6, replacing: "status: not-started\n",
                     with: "status: in-progress\nupdates:\n  - date: 2026-06-01\n    status: in-progress\n    summary: Started.\n")
        }
        XCTAssertNotEqual(try inode("feed.xml"), before[0])
        XCTAssertTrue(try read(output + "/feed.xml").contains("KENMS0005-6"))
        // Its entries show its commitment's lead once it has none of its own.
        try rebuild { try edit(milestone6, replacing: "lead: \"The Oslo Center\"\n", with: "") }
        try rebuild { try edit(content + "/commitments/KENMS0005/index.md", replacing: "  - \"Office of the Governor\"\n", with: "") }
    }

    /// The items the table cache keeps rows by give every row of each table, in order.
    func testTableItemsGiveEveryRowInOrder() throws {
        let site = try XCTUnwrap(SiteLoader.load(content: content, options: LoadOptions(asOf: exampleAsOf)).0)
        for table in site.dataTables {
            let items = try XCTUnwrap(site.tableItems(table), table.name)
            XCTAssertEqual(items.indices.flatMap { site.tableRows(table, item: $0) }, site.rows(table), table.name)
            XCTAssertEqual(Set(items.map(\.key)).count, items.count, "one item per key in \(table.name)")
        }
    }

    /// What a table's rows show of other files is remade when those change: a milestone without a
    /// lead shows its commitment's, a commitment counts its milestones by status.
    func testTableRowsShowingOtherFilesAreRemade() throws {
        try rebuild { try edit(milestone6, replacing: "lead: \"The Oslo Center\"\n", with: "") }
        try rebuild { try edit(content + "/commitments/KENMS0005/index.md", replacing: "  - \"Office of the Governor\"\n", with: "") }
        try rebuild { try edit(milestone6, replacing: "status: not-started", with: "status: stuck") }
    }

    /// Table rows are copied only from where the cache says, when that is whole lines of files of
    /// the sizes it recorded; a damaged cache or a table changed by hand is not copied from.
    func testDamagedTableCacheAndChangedTablesAreNotCopied() throws {
        let cache = (output as NSString).deletingLastPathComponent + "/.wazi-cache/site.tables"
        let report = try rebuild {
            try edit(milestone6, replacing: "title: \"", with: "title: \"Renamed – ")
            try Data(try XCTUnwrap(FileManager.default.contents(atPath: cache)).dropLast(3)).write(to: URL(fileURLWithPath: cache))
        }
        XCTAssertEqual(report.reusedTableItems, 0)
        try rebuild {
            try edit(milestone6, replacing: "title: \"Renamed – ", with: "title: \"Again – ")
            let path = output + "/data/milestone_updates.csv"
            // The same size, other bytes: rows copied from it, or its hash reused, would be wrong.
            try (try read(path)).replacingOccurrences(of: "2025", with: "2024").write(toFile: path, atomically: false, encoding: .utf8)
        }
        // A table none of whose items changed is kept only as it was written: not after a change by hand.
        try rebuild {
            try edit(milestone6, replacing: "title: \"Again – ", with: "title: \"Once more – ")
            let path = output + "/data/meetings.csv"
            try (try read(path)).replacingOccurrences(of: "2025", with: "2024").write(toFile: path, atomically: false, encoding: .utf8)
        }
        try edit(milestone6, replacing: "title: \"Once more – ", with: "title: \"Again – ")
        // Places moved by one byte point at rows no longer ending a line: nothing is copied.
        let moved = try rebuild {
            try edit(milestone6, replacing: "title: \"Again – ", with: "title: \"")
            try shiftTablePlaces(cache)
        }
        XCTAssertEqual(moved.reusedTableItems, 0)
    }

    /// Rewrites a tables cache file (see `TableRecords`) with every row's start moved one byte on.
    private func shiftTablePlaces(_ path: String) throws {
        var reader = CacheFile.Reader(source: [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path))))
        var out: [UInt8] = []
        func put(_ number: Int) { withUnsafeBytes(of: UInt64(number).littleEndian) { out += $0 } }
        func put(_ text: String) { put(text.utf8.count); out += text.utf8 }
        for _ in 0..<3 { put(try XCTUnwrap(reader.text())) }  // kind, global, folder
        var items = 0
        while !reader.atEnd {
            put(try XCTUnwrap(reader.text()))
            // Both files as `stat` gave them: inode, size, change and modification times.
            for _ in 0..<12 { withUnsafeBytes(of: try XCTUnwrap(reader.number()).littleEndian) { out += $0 } }
            put(try XCTUnwrap(reader.text()))
            let count = try XCTUnwrap(reader.int())
            put(count)
            // The items, in a field of their own.
            let field = try XCTUnwrap(reader.range())
            var list = CacheFile.Reader(source: Array(reader.source[field]))
            var moved: [UInt8] = []
            func move(_ number: Int) { withUnsafeBytes(of: UInt64(number).littleEndian) { moved += $0 } }
            for _ in 0..<count {
                let key = try XCTUnwrap(list.text())
                move(key.utf8.count)
                moved += key.utf8
                withUnsafeBytes(of: try XCTUnwrap(list.number()).littleEndian) { moved += $0 }
                for _ in 0..<2 {
                    move(try XCTUnwrap(list.int()) + 1)
                    move(try XCTUnwrap(list.int()))
                }
                items += 1
            }
            put(moved.count)
            out += moved
        }
        XCTAssertGreaterThan(items, 10)
        try Data(out).write(to: URL(fileURLWithPath: path))
    }

    /// A records file (see `CacheFile`, `JSONRecords`) with every item's start moved one byte on.
    private func shiftedPlaces(_ data: Data, documentSize: Int) throws -> Data {
        var reader = CacheFile.Reader(source: [UInt8](data))
        var out: [UInt8] = []
        func put(_ number: UInt64) { withUnsafeBytes(of: number.littleEndian) { out += $0 } }
        func put(_ number: Int) { put(UInt64(number)) }
        func put(_ text: String) { put(text.utf8.count); out += text.utf8 }
        for _ in 0..<3 { put(try XCTUnwrap(reader.text())) }  // kind, global, folder
        for _ in 0..<6 { put(try XCTUnwrap(reader.number())) }  // the document: inode, size, change times
        var items = 0
        while !reader.atEnd {
            put(try XCTUnwrap(reader.text()))
            put(try XCTUnwrap(reader.number()))
            put(try XCTUnwrap(reader.int()) + 1)
            put(try XCTUnwrap(reader.int()))
            items += 1
        }
        XCTAssertGreaterThan(items, 0)
        return Data(out)
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
        let calendars = try FileManager.default.subpathsOfDirectory(atPath: output + "/meetings").filter { $0.hasSuffix("meeting.ics") }
        let folder = output + "/meetings/"
        let inode = { (path: String) in (try FileManager.default.attributesOfItem(atPath: folder + path))[.systemFileNumber] as? Int }
        let before = try Dictionary(uniqueKeysWithValues: calendars.map { ($0, try inode($0)) })
        try rebuild { try edit(content + "/meetings/" + meeting, replacing: "KENMS0005-4", with: "KENMS0005-1") }
        // Its calendar file is made again; the other meetings' are kept as they were.
        let slug = String(meeting.dropLast(".md".count))
        for path in calendars where !path.hasPrefix(slug + "/") {
            XCTAssertEqual(try inode(path), before[path] ?? nil, path)
        }
        XCTAssertGreaterThan(calendars.count, 2)
        // A meeting's new title reaches the calendar of every meeting (compared with a clean build).
        try rebuild { try edit(content + "/meetings/" + meeting, replacing: "title: ", with: "title: Renamed – ") }
        XCTAssertTrue(try read(output + "/meetings.ics").contains("SUMMARY:Renamed – "))
    }

    func testAddingAndRemovingItemsUpdatesCountsAndLists() throws {
        try rebuild {
            try write("---\nnumber: 7\ntitle: A seventh milestone (example)\nstart: 2026-01\nend: 2026-02\nstatus: in-progress\n---\n",
                      to: content + "/commitments/KENMS0005/milestones/7-seventh.md")
        }
        // A new page is in the sitemap (compared with a clean build, and here).
        XCTAssertTrue(try read(output + "/sitemap.xml").contains("commitments/kenms0005/milestones/7/"))
        XCTAssertFalse(resident.keptScan, "a file added: the folders are scanned again")
        let added = try rebuild { try edit(milestone6, replacing: "status: not-started", with: "status: stuck") }
        XCTAssertEqual(added.published.removed, 0)
        let removed = try rebuild {
            let notes = try FileManager.default.contentsOfDirectory(atPath: content + "/notes")
            for note in notes { try FileManager.default.removeItem(atPath: content + "/notes/" + note) }
        }
        // The note's page in each of the three languages.
        XCTAssertEqual(removed.published.removed, 3)
    }

    func testANewAsOfDateIsSiteWide() throws {
        let report = try rebuild(asOf: Day(iso: "2027-06-30")!) {}
        XCTAssertEqual(report.rendered, report.pages)
        XCTAssertEqual(report.reusedFiles, 0, "decoding depends on the date (a meeting's status)")
    }
}

