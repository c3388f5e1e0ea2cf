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
