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

    func testStringAndIntRenderAsThemselvesEscapedByContentType() throws {
        let root = Parent(["s": "<a & b>", "n": 3, "m": -12, "o": Optional("x") as Any, "on": Optional(5) as Any])
        XCTAssertEqual(try MustacheTemplate(string: "{{s}}|{{{s}}}|{{&s}}|{{n}}|{{{m}}}|{{o}}|{{on}}").render(root), "&lt;a &amp; b&gt;|<a & b>|<a & b>|3|-12|x|5")
        XCTAssertEqual(try MustacheTemplate(string: "{{#n}}[{{.}}]{{/n}}{{^n}}none{{/n}}{{plusone(n)}}").render(root), "[3]4")
        XCTAssertEqual(try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}{{s}}").render(root), "<a & b>")
        XCTAssertEqual(try MustacheTemplate(string: "{{#s}}[{{.}}]{{/s}}{{^s}}none{{/s}}").render(root), "[&lt;a &amp; b&gt;]")
    }

    func testPlainNameFoundBelowUsesItsCustomRepresentation() throws {
        let root = Parent(["w": ConformanceMemoTests.Wrapped(representation: "W"), "gone": ConformanceMemoTests.Wrapped(representation: nil),
                           "items": [Parent(["x": 1])] as [Any]])
        XCTAssertEqual(try MustacheTemplate(string: "{{#items}}{{w}}{{^gone}}-{{/gone}}{{gone}}{{missing}}{{/items}}").render(root), "W-")
        XCTAssertEqual(root.asked, ["items", "w", "gone", "gone", "missing"])
    }

    func testParentSectionPushesTheParent() throws {
        let root = Parent(["status": Parent(["label": "Done"]), "label": "outer"])
        XCTAssertEqual(try MustacheTemplate(string: "{{#status}}{{label}}{{/status}} {{label}}").render(root), "Done outer")
    }
}

final class ConformanceMemoTests: XCTestCase {
    struct Empty: MustacheCustomRenderable {
        var renderText: String { "" }
        var isNull: Bool { true }
    }

    struct Wrapped: MustacheCustomRepresentation {
        let representation: Any?
    }

    func testSectionsKeepTheirCasesWhenTypesRepeat() throws {
        let template = try MustacheTemplate(string: "{{#a}}A{{/a}}{{^a}}-a{{/a}}{{#b}}B{{/b}}{{^b}}-b{{/b}}{{#c}}C{{/c}}{{#d}}[{{.}}]{{/d}}")
        let values: [String: Any] = ["a": Empty(), "b": Empty(), "c": true, "d": Set(["x"])]
        for _ in 0..<3 { XCTAssertEqual(template.render(values), "-a-bC[x]") }
    }

    /// What upstream renders for optionals stored as `Any` (a list inside is iterated, an empty one is
    /// pushed as a value): the same whichever comes first.
    func testOptionalsAreCastByTheirValueEveryTime() throws {
        let template = try MustacheTemplate(string: "{{#x}}[{{#.}}{{.}}{{/.}}]{{/x}}{{^y}}none{{/y}}")
        let some: [String]? = ["1", "2"]
        let none: [String]? = nil
        for _ in 0..<2 {
            XCTAssertEqual(template.render(["x": some as Any, "y": none as Any]), "[1][2]")
            XCTAssertEqual(template.render(["x": none as Any, "y": some as Any]), "[nil]")
        }
    }

    /// A library's renders share what they learnt: later renders, with other values of the same
    /// types (an optional now empty), render as a first render would.
    func testRendersOfOneLibraryShareWhatTheyLearnt() throws {
        var library = MustacheLibrary()
        let text = "{{#x}}[{{#.}}{{.}}{{/.}}]{{/x}}{{^y}}none{{/y}}{{#a}}A{{/a}}{{^a}}-a{{/a}}{{#d}}[{{.}}]{{/d}}"
        library.register(try MustacheTemplate(string: text), named: "t")
        let some: [String]? = ["1", "2"]
        let none: [String]? = nil
        let first: [String: Any] = ["x": some as Any, "y": none as Any, "a": Empty(), "d": Set(["s"])]
        let second: [String: Any] = ["x": none as Any, "y": some as Any, "a": true, "d": ["p", "q"] as [Any]]
        for _ in 0..<2 {
            for values in [first, second] {
                XCTAssertEqual(library.render(values, withTemplate: "t"), try MustacheTemplate(string: text).render(values))
            }
        }
        XCTAssertEqual(library.render(second, withTemplate: "t"), "[nil]A[p][q]")
    }

    func testCustomRepresentationIsStillUsed() throws {
        let template = try MustacheTemplate(string: "{{a}}{{#b}}{{.}}{{/b}}{{^c}}-{{/c}}")
        XCTAssertEqual(template.render(["a": Wrapped(representation: "A"), "b": Wrapped(representation: ["B", "b"]),
                                        "c": Wrapped(representation: nil)]), "ABb-")
    }
}
