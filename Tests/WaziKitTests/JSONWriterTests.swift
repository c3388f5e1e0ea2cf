import XCTest
@testable import WaziKit

/// `JSONWriter` writes wazi.json's items without building a `JSONValue`: its bytes must be the ones
/// `JSONValue.write` gives for the same value, at any depth.
final class JSONWriterTests: XCTestCase {
    static let awkwardStrings = [
        "", "plain", "quote \" and backslash \\ and slash /", "lines\nand\r\nbreaks\tand tab",
        "controls \u{0}\u{1}\u{8}\u{C}\u{1B}\u{1F}\u{7F} end", "separators \u{2028} and \u{2029}", "\u{2028}", "ends with \u{2029}",
        "dash – and “quotes” and … (E2 bytes that stay raw)", "\u{E2}", "<script>&amp;</script>", "emoji 🇰🇪 and Kiswahili: Uwazi",
        "\n", "\\", "\"",
    ]

    /// Writes `value` through the writer, member by member, as wazi.json's items do.
    private func write(_ value: JSONValue, _ w: inout JSONWriter) {
        switch value {
        case .null: w.null()
        case let .bool(b): w.bool(b)
        case let .int(n): w.int(n)
        case let .string(s): w.string(s)
        case let .utf8(bytes): w.utf8(bytes)
        case let .array(items): w.array(items) { write($1, &$0) }
        case let .object(members): w.object(JSONKeys(members)) { write($1, &$0) }
        case .number: XCTFail("the writer writes numbers only as table cells")
        }
    }

    private func assertSameBytes(_ value: JSONValue, file: StaticString = #filePath, line: UInt = #line) {
        for depth in [0, 1, 2, 3] {
            var expected: [UInt8] = []
            value.write(into: &expected, indent: depth, pretty: true)
            var w = JSONWriter(depth: depth)
            write(value, &w)
            XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), String(decoding: expected, as: UTF8.self),
                           "depth \(depth)", file: file, line: line)
            XCTAssertEqual(w.bytes, expected, "depth \(depth)", file: file, line: line)
        }
    }

    func testEscapedStringsAsJSONValueWritesThem() {
        for text in Self.awkwardStrings {
            assertSameBytes(.string(text))
            assertSameBytes(.utf8(Array(text.utf8)))
        }
        assertSameBytes(.array(Self.awkwardStrings.map(JSONValue.string)))
    }

    func testNestingAndEmptiesAsJSONValueWritesThem() {
        assertSameBytes(.array([]))
        assertSameBytes(.object([:]))
        assertSameBytes(.array([.array([]), .object([:]), .array([.array([.int(1), .array([.null])])])]))
        assertSameBytes(.object([
            "z": .array([]), "a": .object([:]), "m": .object(["b": .bool(false), "a": .bool(true)]),
            "nested": .array([.object(["k": .array([.string("v"), .int(-3), .null])]), .object([:])]),
        ]))
        // Keys whose order depends on how strings compare: case, punctuation, escapes, non-ASCII.
        let keys = ["b", "B", "a_b", "ab", "a b", "é", "e\u{301}x", "z", "_", "$schema", "q\"uote", "tab\t", "\u{2028}", "10", "9"]
        assertSameBytes(.object(Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, .int($0)) })))
    }

    func testNullOptionalsAsJSONValueWritesThem() {
        var w = JSONWriter(depth: 1)
        w.array([0, 1]) { w, i in i == 0 ? w.string(nil) : w.utf8(nil) }
        var expected: [UInt8] = []
        JSONValue.array([.optional(nil), .optional(utf8: nil)]).write(into: &expected, indent: 1, pretty: true)
        XCTAssertEqual(w.bytes, expected)
    }

    func testTableCellsAsJSONValueWritesThem() throws {
        let day = try XCTUnwrap(Day(iso: "2026-06-30"))
        let cells: [DataValue] = [
            .text("a \"cell\"\n"), .integer(0), .integer(-42), .integer(Int.max), .number(0.16666), .number(-0.5), .number(1),
            .number(0), .boolean(true), .boolean(false), .date(day), .list([]), .list(["one", "two \\ \u{2028}"]), .null,
        ]
        for cell in cells {
            var w = JSONWriter(depth: 2)
            w.value(cell)
            var expected: [UInt8] = []
            JSONValue(cell).write(into: &expected, indent: 2, pretty: true)
            XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), String(decoding: expected, as: UTF8.self), "\(cell)")
        }
    }

    private enum Member: String, CaseIterable { case zulu, alpha, shortTitle = "short_title", short }

    /// Keys named by an enum's cases come in JSONValue's order, not the cases'.
    func testEnumKeysAsJSONValueSortsThem() {
        var w = JSONWriter(depth: 0)
        w.object(JSONKeys<Member>()) { w, member in w.string(member.rawValue) }
        let expected = JSONValue.object(Dictionary(uniqueKeysWithValues: Member.allCases.map { ($0.rawValue, .string($0.rawValue)) }))
        XCTAssertEqual(w.bytes + [0x0A], expected.bytes)
    }

    /// wazi.json's entity objects take their keys from the table definitions, sorted once: every row
    /// must carry exactly its table's columns, or a member would be lost (or made up) in the JSON.
    func testRowsCarryExactlyTheirTablesColumns() throws {
        let (loaded, diagnostics) = SiteLoader.load(content: exampleContent, options: LoadOptions(asOf: exampleAsOf))
        let site = try XCTUnwrap(loaded, printed(diagnostics))
        for table in site.dataTables {
            let rows = site.rows(table)
            XCTAssertFalse(rows.isEmpty, table.name)
            for row in rows {
                XCTAssertEqual(Set(row.keys), Set(table.columns.map(\.name)), table.name)
            }
        }
    }

    /// The search indexes, written straight to bytes, are exactly the compact `JSONValue` of what
    /// they hold (keys sorted, the same escapes), with an item for every page that has one.
    func testSearchIndexesAreTheCompactJSONValueOfTheirItems() throws {
        let (loaded, diagnostics) = SiteLoader.load(content: exampleContent, options: LoadOptions(asOf: exampleAsOf))
        let site = try XCTUnwrap(loaded, printed(diagnostics))
        let log = DiagnosticLog()
        let theme = try XCTUnwrap(Theme.load(defaultTheme, languages: site.config.languages, log: log))
        let indexes = SiteRenderer(site: site, theme: theme).searchIndexes()
        XCTAssertEqual(indexes.map(\.path), site.config.languages.map { ($0 == site.config.defaultLanguage ? "" : $0 + "/") + "search/index.json" })
        func value(_ any: Any) throws -> JSONValue {
            switch any {
            case let text as String: return .string(text)
            case let list as [Any]: return .array(try list.map(value))
            case let members as [String: Any]: return .object(try members.mapValues(value))
            default: throw CocoaError(.coderInvalidValue)
            }
        }
        let pages = site.commitments.count + site.milestones.count + site.meetings.count + site.notes.count + site.pages.count
        for index in indexes {
            let parsed = try JSONSerialization.jsonObject(with: Data(index.bytes))
            XCTAssertEqual(try value(parsed).compactBytes, index.bytes, index.path)
            let items = try XCTUnwrap((parsed as? [String: Any])?["items"] as? [[String: String]])
            XCTAssertEqual(items.count, pages)
            XCTAssertTrue(items.allSatisfy { Set($0.keys) == ["k", "s", "t", "u"] && !$0["t"]!.isEmpty })
        }
    }
}
