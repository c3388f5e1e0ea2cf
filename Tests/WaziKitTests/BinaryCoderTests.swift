import XCTest
@testable import WaziKit

/// The build cache's binary form gives back exactly what was encoded, and refuses bytes it did not write.
final class BinaryCoderTests: XCTestCase {
    private struct Sample: Codable, Equatable {
        enum Kind: String, Codable { case one, two }
        enum Payload: Codable, Equatable { case text(String), pair(Int, Bool?) }
        let name: String
        let count: Int
        let big: UInt64
        let share: Double?
        let missing: String?
        let kind: Kind
        let tags: [String]
        let nested: [[Int]]
        let payloads: [Payload]
        let optionals: [Int?]
        let set: Set<String>
    }

    func testValuesRoundTrip() throws {
        let sample = Sample(name: "Kenya – Nairobi ✓", count: -42, big: .max, share: 0.25, missing: nil, kind: .two,
                            tags: ["a", "", "c"], nested: [[1, 2], [], [3]], payloads: [.text("t"), .pair(7, nil), .pair(8, true)], optionals: [1, nil, 3], set: ["p", "q"])
        let bytes = try BinaryCoder.encode(sample)
        XCTAssertEqual(try BinaryCoder.decode(Sample.self, from: bytes), sample)
        XCTAssertThrowsError(try BinaryCoder.decode(Sample.self, from: Array(bytes.dropLast())), "truncated")
        XCTAssertThrowsError(try BinaryCoder.decode(Sample.self, from: bytes + [0]), "trailing bytes")
    }

    /// Every decoded file of the example site survives the cache as it was decoded.
    func testDecodedContentRoundTrips() throws {
        let log = DiagnosticLog()
        let tree = ContentTree.scan(exampleContent, log: log)
        let groups = DocumentReader.groups(tree, languages: ["en", "fr", "sw"], log: log)
        XCTAssertGreaterThan(groups.count, 10)
        for group in groups {
            let file = try XCTUnwrap(DocumentReader.read(group, files: Set(tree.files.map { "files/" + $0 }), log: log)
                .map { DecodedFile($0, asOf: exampleAsOf) })
            XCTAssertNotNil(file.entity)
            XCTAssertEqual(try BinaryCoder.decode(DecodedFile.self, from: try BinaryCoder.encode(file)), file, group.file.relativePath)
        }
    }
}
