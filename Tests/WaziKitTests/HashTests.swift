import XCTest
@testable import WaziKit

final class FingerprintTests: XCTestCase {
    private func print(_ texts: String...) -> UInt64 {
        var print = Fingerprint()
        for text in texts { print.add(text) }
        return print.value
    }

    func testTextsAreSeparatedAndLengthsCount() {
        XCTAssertNotEqual(print("ab", "c"), print("a", "bc"))
        XCTAssertNotEqual(print("ab"), print("ab\u{0}"))
        XCTAssertNotEqual(print(""), print("\u{0}"))
        XCTAssertNotEqual(print("12345678"), print("12345678\u{0}"))
        XCTAssertEqual(print("same text"), print("same text"))
    }

    /// Every one-byte change, at every position of texts around the eight-byte word size, changes it.
    func testEveryByteCounts() {
        var seen: Set<UInt64> = []
        var count = 0
        for length in 0...24 {
            let base = String(repeating: "a", count: length)
            XCTAssertTrue(seen.insert(print(base)).inserted, "length \(length)")
            count += 1
            for position in 0..<length {
                var bytes = Array(base.utf8)
                bytes[position] = UInt8(ascii: "b")
                XCTAssertTrue(seen.insert(print(String(decoding: bytes, as: UTF8.self))).inserted, "\(length) \(position)")
                count += 1
            }
        }
        XCTAssertEqual(seen.count, count)
    }

    /// The cache is written by one run and read by another, maybe on another machine: the values are fixed.
    func testValuesAreStable() {
        XCTAssertEqual(Fingerprint.of("commitments/KENMS0005/index.md"), Self.pinned)
        XCTAssertEqual(Fingerprint(42).value, Self.pinnedNumber)
    }

    static let pinned: UInt64 = 5_171_112_210_624_603_310
    static let pinnedNumber: UInt64 = 18_391_255_480_883_862_255
}
