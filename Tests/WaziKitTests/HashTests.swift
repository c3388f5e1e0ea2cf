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

final class SHA256Tests: XCTestCase {
    /// FIPS 180-4 examples, and lengths around the block and padding boundaries against a digest made
    /// by a reference implementation (Python's hashlib).
    func testKnownDigests() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        for (length, digest) in Self.boundaries {
            XCTAssertEqual(SHA256.hex((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7) }), digest, "length \(length)")
        }
    }

    static let boundaries: [(Int, String)] = [
        (55, "576a1bf8d4478657e6dc4af9398544765c2a92cde28478b019235cfed315fc09"),
        (56, "9b20501dfd1d99161c257950f3444f3e49230c351c5c8e0943ef369f85f5205d"),
        (57, "a5534a9d0694341dfde5b1bb3d8addcb38bd46f44a629dc97b3f8fb2721b0720"),
        (63, "30b345906b493f06f69444b6521113511c242f30e29840462950035043682f1e"),
        (64, "d8bc63b4fc1156e5e7d95a418b9bf54cd3174bedbc2db40f74895349b229b3c0"),
        (65, "1ee23b0fbcaecc1aff4a9e8f1645f35ab2c8e13609cd73b68df8b5e3f63ce073"),
        (119, "7a6589821178918ca8d9edaba5abfc1e9b2669564f4469b66885379c1530b2c8"),
        (120, "655250427d56b1b0eeb8497d21428704273458a01772d6881b65c0abac0f8a98"),
        (127, "67d79933e3c9aa8e89f481e071cfca1e9a16c09d7263b5efa3bb01f1a9f8d065"),
        (128, "54c9eb041badfd7064645067b107661fed6113197ce2dd066ba69618abd3732f"),
        (129, "5b55715b51c54661ed0cbd75ba5b00cf1ffee3b7c113a636eca613d9425116a6"),
    ]
}
