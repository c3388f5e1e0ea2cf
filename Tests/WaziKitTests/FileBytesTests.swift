import XCTest
@testable import WaziKit

final class FileBytesTests: XCTestCase {
    func testReadsWholeFilesOfAnySize() throws {
        let folder = try temporaryFolder(self)
        for size in [0, 1, 4095, 4096, 4097, 1 << 20] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let path = folder + "/f\(size)"
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            XCTAssertEqual(FileBytes.read(path), bytes, "size \(size)")
        }
    }

    func testMissingFilesAndFoldersAreNotRead() throws {
        let folder = try temporaryFolder(self)
        XCTAssertNil(FileBytes.read(folder + "/missing"))
        XCTAssertNil(FileBytes.read(folder))
    }

    /// Files are compared a chunk at a time: a difference in any chunk, or in length, is found.
    func testComparesFilesWithBytesAndWithEachOther() throws {
        let folder = try temporaryFolder(self)
        let size = (1 << 18) * 2 + 5  // three chunks, the last short
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let path = folder + "/a"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let file = open(path, O_RDONLY)
        defer { close(file) }
        XCTAssertTrue(FileBytes.holds(file, bytes))
        for place in [0, 1 << 18, size - 1] {
            var other = bytes
            other[place] &+= 1
            XCTAssertFalse(FileBytes.holds(file, other), "byte \(place)")
            let otherPath = folder + "/b\(place)"
            XCTAssertTrue(FileManager.default.createFile(atPath: otherPath, contents: Data(other)))
            let otherFile = open(otherPath, O_RDONLY)
            defer { close(otherFile) }
            XCTAssertFalse(FileBytes.same(file, otherFile, count: size), "byte \(place)")
            XCTAssertTrue(FileBytes.same(file, otherFile, count: place), "the bytes before \(place)")
        }
        XCTAssertFalse(FileBytes.holds(file, bytes + [0]), "longer than the file")
        XCTAssertTrue(FileBytes.same(file, file, count: size))
    }

    /// Bytes copied from another file land where they belong among appended ones, into a file (by the
    /// kernel) or into chunks (read and appended); a source that ends too early fails the stream.
    func testStreamsCopyRangesOfAnotherFile() throws {
        let folder = try temporaryFolder(self)
        let source = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/source", contents: Data(source)))
        let input = open(folder + "/source", O_RDONLY)
        defer { close(input) }
        let expected = Array("head".utf8) + source[10..<250_010] + Array("tail".utf8)
        func produce(_ stream: ByteStream) {
            stream.append(Array("head".utf8))
            XCTAssertTrue(stream.copy(from: input, 10..<250_010))
            stream.append(Array("tail".utf8))
        }
        let output = open(folder + "/out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let written = ByteStream.write(to: output, size: 0, shown: "out", produce)
        XCTAssertNil(written.failure)
        XCTAssertEqual(written.size, expected.count)
        XCTAssertEqual(FileBytes.read(folder + "/out"), expected)
        var chunks: [UInt8] = []
        let counted = ByteStream(chunk: 4096) { chunks += $0 }
        produce(counted)
        counted.finish()
        XCTAssertEqual(chunks, expected)
        XCTAssertEqual(counted.count, expected.count)
        XCTAssertNil(counted.failure)
        let short = ByteStream { _ in }
        XCTAssertFalse(short.copy(from: input, 299_000..<300_001))
        XCTAssertNotNil(short.failure)
    }
}

/// The fast UTF-8 check decides exactly as the standard library's validation does.
final class UTF8CheckTests: XCTestCase {
    func testAgreesWithTheStandardLibraryOnEveryShortSequenceAndOnRandomBytes() {
        func check(_ bytes: [UInt8], _ context: String) {
            XCTAssertEqual(UTF8Check.isValid(bytes), String(validating: bytes, as: UTF8.self) != nil, "\(context): \(bytes)")
        }
        // Every lead byte with every second byte, and boundary third and fourth bytes, behind ASCII
        // of every length so the sequence falls at each place of an eight-byte word.
        let edges: [UInt8] = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
        for lead in 0...255 {
            for second in 0...255 {
                for third in edges {
                    for prefix in [0, 3, 7] {
                        check(Array(repeating: UInt8(ascii: "a"), count: prefix) + [UInt8(lead), UInt8(second), third, 0x80],
                              "prefix \(prefix)")
                    }
                }
                check([UInt8(lead), UInt8(second)], "short")
            }
            check([UInt8(lead)], "alone")
        }
        // Random texts of mostly ASCII with some multi-byte characters and some damage.
        var random = SplitMix64(seed: 2_026)
        let pieces: [[UInt8]] = [Array("plain text ".utf8), Array("é".utf8), Array("–".utf8), Array("😀".utf8),
                                 Array("\u{10FFFF}".utf8), [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF],
                                 [0xE2, 0x82], [0x80], [0xFF]]
        for round in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<(random.next() % 12) {
                let piece = pieces[Int(random.next() % UInt64(pieces.count))]
                // Damaged pieces are rare, so that many texts are valid.
                if piece.count < 3, piece.first.map({ $0 >= 0x80 }) == true, random.next() % 4 != 0 { continue }
                bytes += piece
            }
            check(bytes, "round \(round)")
        }
        XCTAssertTrue(UTF8Check.isValid([]))
    }
}
