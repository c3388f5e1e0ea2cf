import XCTest
import Yams

/// What wazi's patches (PATCHES.md) keep: the same duplicate-key errors, found pair by pair in small
/// mappings and by grouping in large ones, and scalars' text.
final class PatchTests: XCTestCase {
    private func duplicates(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> ([String], Int)? {
        do {
            _ = try Yams.compose(yaml: yaml)
            return nil
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            return (duplicates, context.mark.line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    func testDuplicateKeysOfSmallMappings() throws {
        let found = try XCTUnwrap(duplicates("a: 1\nb: 2\n\"a\": 3\n"))
        XCTAssertEqual(found.0, ["a"])
        XCTAssertEqual(found.1, 1)
        XCTAssertEqual(duplicates("outer:\n  x: 1\n  y: [1, 1]\n  x: 2\n")?.0, ["x"])
        XCTAssertEqual(duplicates("b: 1\na: 1\nb: 2\na: 2\n")?.0, ["a", "b"])
        XCTAssertNil(duplicates("a: 1\nb: 1\nc: {a: 1, b: 1}\n"))
    }

    /// Keys are compared as nodes whenever texts alone cannot decide: the same text under another
    /// tag, or keys that are not scalars.
    func testKeysWithTheSameTextOrNotScalarsAreComparedAsNodes() throws {
        XCTAssertNil(duplicates("1: a\n\"1\": b\n"), "an integer and a string")
        XCTAssertEqual(duplicates("x: 1\n'x': 2\n")?.0, ["x"], "two strings, quoted or not")
        XCTAssertNotNil(duplicates("? [a, b]\n: 1\n? [a, b]\n: 2\n"), "two equal sequences")
        XCTAssertNil(duplicates("? [a, b]\n: 1\n? [a, c]\n: 2\n"), "two sequences that differ")
    }

    func testDuplicateKeysOfLargeMappings() throws {
        let keys = (1...40).map { "key\($0): \($0)\n" }.joined()
        XCTAssertNil(duplicates(keys))
        let found = try XCTUnwrap(duplicates(keys + "key7: again\n"))
        XCTAssertEqual(found.0, ["key7"])
        XCTAssertEqual(found.1, 7)
        let small = (1...24).map { "k\($0): 0\n" }.joined()
        XCTAssertNil(duplicates(small))
        XCTAssertEqual(duplicates(small + "k1: 1\n")?.0, ["k1"])
    }

    func testScalarsKeepTheirText() throws {
        let node = try XCTUnwrap(try Yams.compose(yaml: "text: \"Été – 東京 \\u0000 end\"\nplain: 2025-06\n"))
        XCTAssertEqual(node["text"]?.string, "Été – 東京 \u{0} end")
        XCTAssertEqual(node["plain"]?.string, "2025-06")
    }
}
