import XCTest
@testable import WaziKit

/// The build cache's binary form gives back exactly what was written, always the same bytes for the
/// same value, and refuses (never traps on) bytes it did not write.
final class CacheCodingTests: XCTestCase {
    private func roundTrip<Value: CacheCodable & Equatable>(_ value: Value, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(try Value(cacheBytes: value.cacheBytes), value, file: file, line: line)
    }

    func testValuesRoundTrip() {
        for number in [0, 1, -1, 63, -64, 64, 127, 128, 300, -300, Int.max, Int.min] { roundTrip(number) }
        for number: UInt64 in [0, 1, 0xDEAD_BEEF, .max] { roundTrip(number) }
        for text in ["", "a", "Kenya – Nairobi ✓", String(repeating: "long ", count: 100)] { roundTrip(text) }
        roundTrip(true)
        roundTrip(false)
        roundTrip([Int?.none, 1, nil, 3])
        roundTrip([[1, 2], [], [3]])
        roundTrip(Set(["p", "q", "r"]))
        roundTrip(["fr": "Bonjour", "sw": "Habari", "": ""])
        roundTrip([Link.external("https://example.org"), .sitePath("files/a.pdf")])
        roundTrip(MilestoneStatus.notStarted)
        roundTrip(Day(year: 2026, month: 2, day: 28))
    }

    /// Every content file of the example site, with what its decoding reported, comes back from the
    /// cache as it was decoded.
    func testDecodedContentRoundTrips() throws {
        var kinds: Set<String> = []
        for (file, entry) in try exampleEntries() {
            let back = try DecodedCache.Entry(cacheBytes: entry.cacheBytes)
            XCTAssertEqual(back, entry, file.file.relativePath)
            XCTAssertEqual(back.file(file.file), file, "with the content file the scan gives, the file as decoded")
            // Positions stay in their bytes until asked for: the same places then.
            XCTAssertEqual(back.marks.value("end"), file.marks.value("end"))
            XCTAssertEqual(back.marks.item("commitments", "KENMS0005"), file.marks.item("commitments", "KENMS0005"))
            kinds.insert(file.file.kind.rawValue)
        }
        XCTAssertEqual(kinds, ["commitment", "milestone", "meeting", "note", "page"], "every kind of item is tried")
    }

    /// A cache file cut short anywhere: the entry is refused, even when the bytes after the cut are
    /// there (the entry's range ends before them).
    func testTruncatedEntriesThrow() throws {
        let bytes = try largestExampleEntry().cacheBytes
        for cut in 0..<bytes.count {
            XCTAssertThrowsError(try DecodedCache.Entry(cacheBytes: Array(bytes[..<cut])), "cut at \(cut)")
            XCTAssertThrowsError(try DecodedCache.Entry(cacheBytes: bytes, in: 0..<cut), "range cut at \(cut)")
        }
        XCTAssertThrowsError(try DecodedCache.Entry(cacheBytes: bytes, in: 0..<bytes.count + 1), "range past the end")
    }

    func testTrailingBytesThrow() throws {
        let bytes = try largestExampleEntry().cacheBytes
        XCTAssertNoThrow(try DecodedCache.Entry(cacheBytes: bytes))
        XCTAssertThrowsError(try DecodedCache.Entry(cacheBytes: bytes + [0]))
    }

    /// Damage anywhere in an entry never traps: it throws, or decodes to some value.
    func testDamagedEntriesNeverTrap() throws {
        let bytes = try largestExampleEntry().cacheBytes
        for index in bytes.indices {
            for damage: UInt8 in [0x00, 0x01, 0x7F, 0x80, 0xFF] {
                var damaged = bytes
                damaged[index] = damage
                _ = try? DecodedCache.Entry(cacheBytes: damaged)
            }
        }
    }

    func testUnknownCodesAndCasesThrow() {
        XCTAssertEqual(try MilestoneStatus(cacheBytes: "stuck".cacheBytes), .stuck)
        XCTAssertThrowsError(try MilestoneStatus(cacheBytes: "finished".cacheBytes), "a status this build does not know")
        XCTAssertThrowsError(try Link(cacheBytes: [2] + "x".cacheBytes), "a third kind of link")
        XCTAssertThrowsError(try DecodedFile.Entity(cacheBytes: [5]), "a sixth kind of item")
        XCTAssertThrowsError(try Bool(cacheBytes: [2]))
        XCTAssertThrowsError(try Optional<String>(cacheBytes: [2]), "a presence byte is 0 or 1")
        XCTAssertThrowsError(try Day(cacheBytes: 2026.cacheBytes + 2.cacheBytes + 30.cacheBytes), "30 February")
        XCTAssertThrowsError(try Int(cacheBytes: Array(repeating: 0xFF, count: 10) + [0x01]), "more than 64 bits")
        XCTAssertThrowsError(try [String](cacheBytes: [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]), "more elements than bytes")
        XCTAssertThrowsError(try [String: Int](cacheBytes: [2] + "a".cacheBytes + [0] + "a".cacheBytes + [0]), "a key twice")
    }

    /// The same value gives the same bytes whatever order its dictionaries' keys were added in: the
    /// cache file of two builds of the same content is the same.
    func testDictionariesAreWrittenInOrder() {
        let names = (0..<20).map { "key\($0)" }
        var forward: [String: SourceLocation] = [:]
        for (i, name) in names.enumerated() { forward[name] = SourceLocation(file: "a.md", line: i + 1, column: 3) }
        var backward: [String: SourceLocation] = [:]
        backward.reserveCapacity(200)
        for (i, name) in names.enumerated().reversed() { backward[name] = SourceLocation(file: "a.md", line: i + 1, column: 3) }
        XCTAssertEqual(forward, backward)
        XCTAssertNotEqual(Array(forward.keys), Array(backward.keys), "the two dictionaries list their keys in different orders")

        let one = Marks(file: "a.md", values: forward, items: ["commitments": forward, "milestones": backward])
        let other = Marks(file: "a.md", values: backward, items: ["milestones": forward, "commitments": backward])
        XCTAssertEqual(one.cacheBytes, other.cacheBytes)
        XCTAssertEqual(try Marks(cacheBytes: one.cacheBytes), one)
        XCTAssertEqual(forward.cacheBytes, backward.cacheBytes)
        XCTAssertEqual(Set(names).cacheBytes, Set(names.reversed()).cacheBytes)
    }

    // MARK: -

    private func exampleEntries() throws -> [(file: DecodedFile, entry: DecodedCache.Entry)] {
        let log = DiagnosticLog()
        let tree = ContentTree.scan(exampleContent, log: log)
        let groups = DocumentReader.groups(tree, languages: ["en", "fr", "sw"], log: log)
        XCTAssertGreaterThan(groups.count, 10)
        return try groups.map { group in
            let reported = DiagnosticLog()
            let file = try XCTUnwrap(DocumentReader.read(group, files: Set(tree.files.map { "files/" + $0 }), log: reported)
                .map { DecodedFile($0, asOf: exampleAsOf) })
            XCTAssertNotNil(file.entity, group.file.relativePath)
            // Some diagnostics, so that they are tried too.
            let diagnostics = reported.items + [Diagnostic(.warning, SourceLocation(file: group.file.displayPath, line: 2, column: 5), "a warning")]
            return (file, DecodedCache.Entry(file: file, diagnostics: diagnostics))
        }
    }

    private func largestExampleEntry() throws -> DecodedCache.Entry {
        try XCTUnwrap(try exampleEntries().map(\.entry).max { $0.cacheBytes.count < $1.cacheBytes.count })
    }
}

/// Files are decoded in the order of their paths, whatever order the folders were listed in.
final class DocumentOrderTests: XCTestCase {
    /// `T0001-b/` sorts before `T0001/` as a path ('-' before '/') but after it as a folder name: the
    /// groups follow the paths.
    func testGroupsFollowThePathsWhereFolderOrderDiffers() throws {
        let site = try MiniSite(self)
        for id in ["T0001", "T0001-b", "T0002"] {
            try site.add("commitments/\(id)/index.md", "---\nid: \(id)\n---\n")
            try site.add("commitments/\(id)/milestones/1-first.md", "---\ntitle: First\n---\n")
        }
        let log = DiagnosticLog()
        let tree = ContentTree.scan(site.root, log: log)
        let paths = DocumentReader.groups(tree, languages: ["en"], log: log).map(\.file.relativePath)
        XCTAssertEqual(paths, paths.sorted())
        XCTAssertEqual(paths.first, "commitments/T0001-b/index.md")
        XCTAssertEqual(paths.count, 6)
    }
}
