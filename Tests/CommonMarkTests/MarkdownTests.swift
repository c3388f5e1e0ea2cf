import CommonMark
import XCTest

final class MarkdownTests: XCTestCase {
    func testExtensionsAreOn() {
        let html = Markdown.render("| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done\n\nhttps://example.org\n").html
        XCTAssertTrue(html.contains("<table>"), html)
        XCTAssertTrue(html.contains("<del>2</del>"), html)
        XCTAssertTrue(html.contains("type=\"checkbox\""), html)
        XCTAssertTrue(html.contains("<a href=\"https://example.org\">"), html)
    }

    func testFootnotes() {
        let html = Markdown.render("Text[^1].\n\n[^1]: The note.\n").html
        XCTAssertTrue(html.contains("class=\"footnotes\""), html)
    }

    func testRawHTMLIsOmittedUnlessAllowed() {
        let source = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick=\"x\">b</b>\n"
        let safe = Markdown.render(source).html
        XCTAssertFalse(safe.contains("<script"), safe)
        XCTAssertFalse(safe.contains("javascript:"), safe)
        XCTAssertFalse(safe.contains("onclick"), safe)
        let unsafe = Markdown.render("<b>bold</b>\n", options: .init(allowHTML: true)).html
        XCTAssertTrue(unsafe.contains("<b>bold</b>"), unsafe)
        // tagfilter still neutralises <script> even when HTML is allowed.
        XCTAssertFalse(Markdown.render(source, options: .init(allowHTML: true)).html.contains("<script>"))
    }

    func testHeadingsGetStableUniqueAnchors() {
        let rendered = Markdown.render("## Status quo\n\ntext\n\n## Status quo\n\n### *Key* actions\n")
        XCTAssertEqual(rendered.headings.map(\.anchor), ["status-quo", "status-quo-1", "key-actions"])
        XCTAssertTrue(rendered.html.contains("<h2 id=\"status-quo\">Status quo</h2>"), rendered.html)
        XCTAssertTrue(rendered.html.contains("<h3 id=\"key-actions\">"), rendered.html)
    }

    func testAnchorsOfPunctuationAccentsAndOtherScripts() {
        let source = "## Budget 2025/26: what's new?\n\n## Ushiriki wa Umma_1\n\n## Résumé des élèves\n\n## ?!\n\n## 参与\n\n## A  -  B\n"
        XCTAssertEqual(Markdown.render(source).headings.map(\.anchor),
                       ["budget-202526-whats-new", "ushiriki-wa-umma_1", "résumé-des-élèves", "section", "参与", "a-----b"])
        XCTAssertEqual(Markdown.render("## Title `code`  \n").headings.map(\.text), ["Title code"])
    }

    func testRootRelativeLinksBecomePageRelative() {
        let html = Markdown.render("[data](/data/) [ext](https://x.org/a) [proto](//x.org)\n",
                                   options: .init(rootPrefix: "../../")).html
        XCTAssertTrue(html.contains("href=\"../../data/\""), html)
        XCTAssertTrue(html.contains("href=\"https://x.org/a\""), html)
        XCTAssertTrue(html.contains("href=\"//x.org\""), html)
    }

    /// Debian's cmark-gfm corrupts output under concurrent parses; the wrapper must serialise.
    func testConcurrentRenderingMatchesSerial() async {
        let documents = (0..<400).map { i in
            "## Part \(i)\n\n*emphasis* and **strong** `code` ~~gone~~ https://e.org/\(i)\n\n| a | b |\n|---|---|\n| \(i) | x |\n\n- [ ] task \(i)\n\nNote[^n].\n\n[^n]: foot \(i)\n"
        }
        let serial = documents.map { Markdown.render($0) }
        let parallel = await withTaskGroup(of: (Int, Markdown.Rendered).self) { group in
            for (i, doc) in documents.enumerated() {
                group.addTask { (i, Markdown.render(doc)) }
            }
            var out = [Markdown.Rendered?](repeating: nil, count: documents.count)
            for await (i, r) in group { out[i] = r }
            return out
        }
        for i in documents.indices {
            XCTAssertEqual(parallel[i], serial[i], "document \(i)")
        }
    }
}
