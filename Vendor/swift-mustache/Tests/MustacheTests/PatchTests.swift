// wazi: the behaviour its speed patch (PATCHES.md) relies on, pinned down.

import Mustache
import XCTest

final class PatchTests: XCTestCase {
    /// A parent that records which names it is asked for.
    final class Parent: MustacheParent {
        let fields: [String: Any]
        var asked: [String] = []
        init(_ fields: [String: Any]) { self.fields = fields }
        func child(named name: String) -> Any? {
            asked.append(name)
            return fields[name]
        }
    }

    struct Text: MustacheCustomRenderable {
        let renderText: String
        var isNull: Bool { false }
    }

    func testUndottedNameIsLookedUpWhole() throws {
        let root = Parent(["title": "T"])
        XCTAssertEqual(try MustacheTemplate(string: "{{title}}").render(root), "T")
        XCTAssertEqual(root.asked, ["title"])
    }

    func testDottedNameStillWalksItsParts() throws {
        let inner = Parent(["name": "N"])
        let root = Parent(["t": inner])
        XCTAssertEqual(try MustacheTemplate(string: "{{t.name}} {{.t.name}}").render(root), "N N")
        XCTAssertEqual(root.asked, ["t", "t"])
        XCTAssertEqual(inner.asked, ["name", "name"])
    }

    func testNameMissingFromTheTopIsFoundBelow() throws {
        let root = Parent(["outer": "O", "items": [Parent(["inner": "I"])] as [Any]])
        XCTAssertEqual(try MustacheTemplate(string: "{{#items}}{{inner}}{{outer}}{{/items}}").render(root), "IO")
    }

    func testCustomRenderableIsEscapedByContentType() throws {
        let root = Parent(["html": Text(renderText: "<b>")])
        XCTAssertEqual(try MustacheTemplate(string: "{{html}}|{{{html}}}").render(root), "&lt;b&gt;|<b>")
        XCTAssertEqual(try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}{{html}}").render(root), "<b>")
    }

    func testArrayOfAnySectionsKeepTheirSequenceContext() throws {
        let root = Parent(["items": ["a", "b", "c"] as [Any], "none": [] as [Any]])
        let template = try MustacheTemplate(string: "{{#items}}{{#first()}}[{{/first()}}{{.}}{{^last()}},{{/last()}}{{/items}}]{{^none}}empty{{/none}}{{^items}}no{{/items}}")
        XCTAssertEqual(template.render(root), "[a,b,c]empty")
    }

    func testParentSectionPushesTheParent() throws {
        let root = Parent(["status": Parent(["label": "Done"]), "label": "outer"])
        XCTAssertEqual(try MustacheTemplate(string: "{{#status}}{{label}}{{/status}} {{label}}").render(root), "Done outer")
    }
}
