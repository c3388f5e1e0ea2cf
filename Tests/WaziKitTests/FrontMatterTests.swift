import XCTest
@testable import WaziKit

final class FrontMatterTests: XCTestCase {
    func testSplitsYAMLAndBodyWithLineOffsets() throws {
        let split = try FrontMatterSplit.split("---\ntitle: A\nnumber: 2\n---\n\n# Body\n").get()
        XCTAssertEqual(split.yaml, "title: A\nnumber: 2\n")
        XCTAssertEqual(split.lineOffset, 1)
        XCTAssertEqual(split.body, "# Body\n")
        XCTAssertEqual(split.bodyLine, 6)
    }

    func testAcceptsBOMAndCRLF() throws {
        let split = try FrontMatterSplit.split("\u{FEFF}---\r\ntitle: A\r\n---\r\nText\r\n").get()
        XCTAssertEqual(split.yaml, "title: A\n")
        XCTAssertEqual(split.body, "Text\n")
    }

    func testMissingAndUnterminated() {
        XCTAssertEqual(FrontMatterSplit.split("title: A\n"), .failure(.missing))
        XCTAssertEqual(FrontMatterSplit.split("---\ntitle: A\n"), .failure(.unterminated))
    }

    func testYAMLPositionsIncludeTheFrontMatterOffset() throws {
        let log = DiagnosticLog()
        let source = YAMLSource(path: "m.md", lineOffset: 1)
        let node = source.compose("title: A\nnumber: x\n", log: log)
        let fields = try XCTUnwrap(Fields(node, source: source, log: log, subject: "milestone"))
        XCTAssertNil(fields.integer("number"))
        XCTAssertEqual(printed(log.items), "m.md:3:9: error: 'number' must be a whole number, not 'x'")
    }

    func testYAMLSyntaxErrorsAreLocated() {
        let log = DiagnosticLog()
        _ = YAMLSource(path: "m.md", lineOffset: 1).compose("title: \"open\nnumber: 1\n", log: log)
        XCTAssertEqual(log.items.count, 1)
        XCTAssertTrue(printed(log.items).hasPrefix("m.md:"), printed(log.items))
        XCTAssertTrue(printed(log.items).contains("YAML syntax error"), printed(log.items))
    }

    func testTabIndentationIsReportedAtTheTab() {
        let log = DiagnosticLog()
        _ = YAMLSource(path: "m.md", lineOffset: 1).compose("title: A\nupdates:\n\t- date: 2025-01-01\n", log: log)
        XCTAssertEqual(printed(log.items), "m.md:4:1: error: YAML does not allow a tab for indentation; use spaces")
    }

    func testDuplicateKeys() {
        let log = DiagnosticLog()
        _ = YAMLSource(path: "m.md", lineOffset: 1).compose("title: A\ntitle: B\n", log: log)
        XCTAssertTrue(printed(log.items).contains("duplicate key 'title'"), printed(log.items))
    }

    func testUnknownKeySuggestsTheNearest() throws {
        let log = DiagnosticLog()
        let source = YAMLSource(path: "m.md", lineOffset: 1)
        let fields = try XCTUnwrap(Fields(source.compose("title: A\nstauts: complete\n", log: log), source: source,
                                          log: log, subject: "milestone front matter"))
        fields.rejectUnknownKeys(allowed: ContentDecoder.keys(.milestone))
        XCTAssertEqual(printed(log.items),
                       "m.md:3:1: error: unknown key 'stauts' in milestone front matter; did you mean 'status'?")
    }
}
