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

final class ContentPlacementTests: XCTestCase {
    func testLanguageCodes() {
        for code in ["fr", "sw", "fil", "pt-br", "pt-BR", "zh-hant", "es-419"] { XCTAssertTrue(ContentTree.isLanguageCode(Substring(code)), code) }
        for code in ["f", "french", "FR", "pt-", "-br", "pt-b", "pt-toolongregion", "fr_ca", "é1", "en-ü1"] {
            XCTAssertFalse(ContentTree.isLanguageCode(Substring(code)), code)
        }
    }

    func testFilesAreClassifiedByFolderAndLanguageSuffix() throws {
        let milestone = try XCTUnwrap(ContentTree.classify("commitments/KEN1/milestones/2-plan.fr.md", display: "c/2-plan.fr.md"))
        XCTAssertEqual(milestone.kind, .milestone)
        XCTAssertEqual(milestone.language, "fr")
        XCTAssertEqual(milestone.stem, "2-plan")
        XCTAssertEqual(milestone.basePath, "commitments/KEN1/milestones/2-plan.md")
        XCTAssertEqual(milestone.commitmentFolder, "KEN1")
        let note = try XCTUnwrap(ContentTree.classify("notes/v1.2-budget.md", display: "notes/v1.2-budget.md"))
        XCTAssertEqual(note.kind, .note)
        XCTAssertNil(note.language)
        XCTAssertEqual(note.stem, "v1.2-budget")
        XCTAssertEqual(ContentTree.classify("commitments/KEN1/index.sw.md", display: "x")?.kind, .commitment)
        XCTAssertEqual(ContentTree.classify("meetings/2026-01-02-mkutano-wa-umma.md", display: "x")?.kind, .meeting)
        XCTAssertNil(ContentTree.classify("commitments/KEN1/other.md", display: "x"))
        XCTAssertNil(ContentTree.classify("elsewhere/x.md", display: "x"))
        // Non-ASCII names, the base path of a commitment, and paths in no known place.
        let page = try XCTUnwrap(ContentTree.classify("pages/à-propos.pt-br.md", display: "x"))
        XCTAssertEqual([page.stem, page.language, page.basePath], ["à-propos", "pt-br", "pages/à-propos.md"])
        XCTAssertEqual(ContentTree.classify("commitments/KEN1/index.md", display: "x")?.basePath, "commitments/KEN1/index.md")
        for nowhere in ["index.md", "meetings/a/b.md", "commitments/KEN1/milestones/x/y.md", "commitments/KEN1/notes/1-a.md",
                        "meetings//x.md", "/meetings/x.md"] {
            XCTAssertNil(ContentTree.classify(nowhere, display: "x"), nowhere)
        }
    }

    func testSafeSegmentsAreASCIILettersDigitsDashesAndUnderscores() {
        for good in ["a", "KEN1", "2026-01-02-mkutano_wa-umma", "Z9"] { XCTAssertTrue(ContentDecoder.isSafeSegment(good), good) }
        for bad in ["", "-a", "_a", "a b", "a.b", "a/b", "é", "ae\u{301}", "a\r\nb", "a~", "[a]", "a@", "\u{7F}"] {
            XCTAssertFalse(ContentDecoder.isSafeSegment(bad), bad)
        }
    }

    func testLinksWithSpacesOrControlCharactersAreFound() {
        for bad in ["a b", "a\tb", "a\u{7F}", "x\u{01}", "caf\u{E9} b", "a\u{A0}b", "a\u{2003}b", "a\u{2028}b", "\u{85}"] {
            XCTAssertTrue(Fields.hasSpaceOrControl(bad), bad.debugDescription)
        }
        for good in ["https://example.org/a?b=c#d", "files/minutes%20final.pdf", "caf\u{E9}", "\u{1F600}", ""] {
            XCTAssertFalse(Fields.hasSpaceOrControl(good), good.debugDescription)
        }
    }
}
