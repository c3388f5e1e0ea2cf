import Mustache
import XCTest
@testable import WaziKit

/// The compiled templates render exactly what swift-mustache's renderer renders for the same
/// templates and values: on every page of the example site, and on thousands of random templates.
final class CompiledTemplateTests: XCTestCase {
    /// Both renderings of `main`, with the names the root lacked.
    private func renderBoth(_ templates: [String: String], root: ViewNode) throws
        -> (compiled: (String, [String])?, library: (String, [String])) {
        var library = MustacheLibrary()
        var compiled: [String: CompiledTemplate]? = [:]
        for (name, text) in templates {
            let template = try MustacheTemplate(string: Theme.textPragma + text)
            library.register(template, named: name)
            compiled?[name] = CompiledTemplate(library: template)
            if compiled?[name] == nil { compiled = nil }
        }
        let strict = StrictRoot([root])
        // `{{.}}` at the root prints the root object's type name: swift-mustache's root is a StrictRoot.
        let expected = (library.render(strict, withTemplate: "main") ?? "")
            .replacingOccurrences(of: "WaziKit.StrictRoot", with: "WaziKit.ViewNode")
        guard let compiled, let main = compiled["main"] else { return (nil, (expected, strict.missing.sorted())) }
        var render = TemplateRender(root: ViewNode(layers: [root]), library: compiled)
        render.render(main, TemplateRender.Frame())
        return ((String(decoding: render.output, as: UTF8.self), render.missing.sorted()), (expected, strict.missing.sorted()))
    }

    private func assertSame(_ templates: [String: String], _ root: ViewNode, file: StaticString = #filePath, line: UInt = #line) throws {
        let (compiled, library) = try renderBoth(templates, root: root)
        let got = try XCTUnwrap(compiled, "not compiled: \(templates)", file: file, line: line)
        XCTAssertEqual(got.0, library.0, "\(templates)", file: file, line: line)
        XCTAssertEqual(got.1, library.1, "missing names of \(templates)", file: file, line: line)
    }

    private let data = ViewNode([
        "name": .text("Nairobi &amp; Kisumu"), "count": .number(3), "yes": .flag(true), "no": .flag(false),
        "empty": .list([]), "lines": .text("one\ntwo\r\nthree\n"),
        "person": .node(ViewNode(names: ["name", "role"], values: [.text("Amina"), .text("chair")])),
        "rows": .list([.node(ViewNode(["name": .text("A")])), .node(ViewNode(["name": .text("B"), "count": .number(7)]))]),
        "words": .list([.text("x"), .text("y")]),
    ])

    func testTheCasesThemesUse() throws {
        let cases: [[String: String]] = [
            ["main": "Hello {{name}}, {{{name}}} {{&count}} {{yes}} {{no}}!"],
            ["main": "{{#rows}}[{{name}}:{{count}}]{{/rows}}{{^empty}}none{{/empty}}{{#empty}}never{{/empty}}"],
            ["main": "{{#person}}{{name}} ({{role}}) of {{count}}{{/person}} {{person.name}} {{#person}}{{.name}}{{.count}}{{/person}}"],
            ["main": "{{#words}}<{{.}}>{{/words}}{{#yes}}y{{/yes}}{{^no}}n{{/no}}{{#name}}{{.}}{{/name}}{{^count}}z{{/count}}"],
            ["main": "{{missing}}{{#gone}}x{{/gone}}{{^gone}}absent{{/gone}}{{person.missing}}{{missing.part}}{{.top}}"],
            ["main": "a\n  {{> row}}\nb\n", "row": "r1\n{{lines}}\nr2 {{#rows}}\n{{name}}\n{{/rows}}\n"],
            ["main": "\t{{>row}}\n", "row": "1\n  {{>leaf}}\n2\n", "leaf": "x\ny\n\n"],
            ["main": "{{<layout}}{{$title}}Page {{name}}{{/title}}{{/layout}}",
             "layout": "<h1>{{$title}}Default{{/title}}</h1>\n  {{$body}}\n  body\n  {{/body}}\n"],
            ["main": "{{<mid}}{{$a}}main-a{{/a}}{{/mid}}", "mid": "{{<base}}{{$a}}mid-a{{/a}}{{$b}}mid-b{{/b}}{{/base}}",
             "base": "{{$a}}base-a{{/a}}|{{$b}}base-b{{/b}}|{{$c}}base-c{{/c}}"],
            ["main": "{{> nowhere}}|{{#rows}}{{> row}}{{/rows}}", "row": "{{name}},"],
            ["main": "{{person}} {{rows}} {{words}} {{=<% %>=}}<% name %><%={{ }}=%>{{! a comment }}{{name}}"],
            ["main": "line\r\n  {{>p}}\r\n", "p": "a\r\nb\r\n{{lines}}c"],
        ]
        for templates in cases { try assertSame(templates, data) }
    }

    /// What only swift-mustache renders is not compiled, and the theme then renders through it.
    func testTransformsAndDynamicPartialsAreLeftToSwiftMustache() throws {
        XCTAssertNil(try renderBoth(["main": "{{uppercased(name)}}"], root: data).compiled)
        XCTAssertNil(try renderBoth(["main": "{{#rows}}{{#first()}}1{{/first()}}{{/rows}}"], root: data).compiled)
        XCTAssertNil(try renderBoth(["main": "{{>*name}}"], root: data).compiled)
        XCTAssertNil(try renderBoth(["main": "{{%CONTENT_TYPE: HTML}}{{name}}"], root: data).compiled)

        let theme = try temporaryFolder(self) + "/templates"
        try FileManager.default.copyItem(atPath: defaultTheme, toPath: theme)
        try edit(theme + "/milestone.mustache", replacing: "<h1>{{heading}}</h1>", with: "<h1>{{uppercased(heading)}}</h1>")
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(templates: theme, output: output))
        XCTAssertFalse(Build.failed(report.diagnostics, strict: false), printed(report.diagnostics))
        let page = try read(output + "/commitments/kenms0005/milestones/1/index.html")
        XCTAssertTrue(page.contains("<h1>OPERATIONALISATION OF AN NCCG OGP STEERING COMMITTEE</h1>"), String(page.prefix(2000)))
    }

    /// Every page and row of the example site, through both renderers: the same bytes, the same problems.
    func testEveryExamplePageIsTheSameThroughBothRenderers() throws {
        let (loaded, diagnostics) = SiteLoader.load(content: exampleContent, options: LoadOptions(asOf: exampleAsOf))
        let site = try XCTUnwrap(loaded, printed(diagnostics))
        let theme = try XCTUnwrap(Theme.load(defaultTheme, languages: site.config.languages, log: DiagnosticLog()))
        XCTAssertNotNil(theme.compiled)
        var library = theme
        library.engine = .library
        let fast = SiteRenderer(site: site, theme: theme)
        let slow = SiteRenderer(site: site, theme: library)
        let jobs = fast.jobs()
        XCTAssertGreaterThan(jobs.count, 100)
        for (job, slowJob) in zip(jobs, slow.jobs()) {
            let (page, problems) = fast.render(job)
            let (expected, expectedProblems) = slow.render(slowJob)
            XCTAssertEqual(page.path, expected.path)
            XCTAssertTrue(page.bytes == expected.bytes, "\(job.outputPath) differs")
            XCTAssertEqual(problems, expectedProblems, job.outputPath)
        }
        XCTAssertEqual(fast.fragments.diagnostics, slow.fragments.diagnostics)
    }

    /// Random templates (text, line ends, indentation, every tag kind the compiled form handles,
    /// partials and inheritance) over random values, seeded so that a failure can be replayed.
    func testRandomTemplatesRenderAsSwiftMustacheDoes() throws {
        var random = SplitMix64(seed: 20261127)
        var compared = 0
        for _ in 0..<3000 {
            var generator = TemplateGenerator(random: random)
            let templates = generator.templates()
            let root = generator.node(depth: 0)
            random = generator.random
            guard let (compiled, library) = try? renderBoth(templates, root: root) else { continue }
            let got = try XCTUnwrap(compiled, "\(templates)")
            XCTAssertEqual(got.0, library.0, "\(templates)")
            XCTAssertEqual(got.1, library.1, "\(templates)")
            compared += 1
            if got.0 != library.0 { break }
        }
        XCTAssertGreaterThan(compared, 2000)
    }

    /// A partial that includes itself stops at a depth and fails the build, where swift-mustache's
    /// renderer recursed until the stack overflowed.
    func testAPartialThatIncludesItselfIsAnErrorNotACrash() throws {
        let template = try MustacheTemplate(string: Theme.textPragma + "[{{> main}}]")
        let compiled = try XCTUnwrap(CompiledTemplate(library: template))
        var render = TemplateRender(root: ViewNode([:]), library: ["main": compiled])
        render.render(compiled, TemplateRender.Frame())
        XCTAssertEqual(render.tooDeep, "main")
        XCTAssertEqual(String(decoding: render.output, as: UTF8.self),
                       String(repeating: "[", count: TemplateRender.nestingLimit + 1) + String(repeating: "]", count: TemplateRender.nestingLimit + 1))

        let theme = try temporaryFolder(self) + "/templates"
        try FileManager.default.copyItem(atPath: defaultTheme, toPath: theme)
        try write(try read(theme + "/partials/badge.mustache") + "{{> partials/badge}}", to: theme + "/partials/badge.mustache")
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(templates: theme, output: output))
        XCTAssertTrue(printed(report.diagnostics).contains(
            "partials/badge.mustache:1:1: error: partials nest more than 64 deep here: does 'partials/badge' include itself?"),
            printed(report.diagnostics))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    /// A template value written out whole, to compare two.
    private func shape(_ value: ViewValue?) -> String {
        switch value {
        case nil: return "nil"
        case let .text(text)?: return "text(\(text))"
        case let .markup(bytes)?: return "markup(\(String(decoding: bytes, as: UTF8.self)))"
        case let .number(number)?: return "number(\(number))"
        case let .flag(flag)?: return "flag(\(flag))"
        case let .list(items)?: return "[" + items.map { shape($0) }.joined(separator: ", ") + "]"
        case let .node(node)?: return "{" + node.entries.map { "\($0.name): \(shape($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// The template value of `model` as its `Encodable` conformance makes it, as `ViewEncoder.convert`
    /// makes it for rendering, and as the model makes it directly, compared.
    private func assertMadeAsEncoded(_ model: any MadeDirectly, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        let expected = shape(ViewEncoder.encoded(model))
        XCTAssertEqual(shape(model.viewValue), expected, message, file: file, line: line)
        XCTAssertEqual(shape(ViewEncoder.convert(model)), expected, message, file: file, line: line)
    }

    /// Every example page's layout and content, and every row, which `ViewEncoder` makes directly, are
    /// what their `Encodable` conformance makes.
    func testEveryExamplePageModelIsMadeAsItsEncodableConformanceMakesIt() throws {
        let (loaded, diagnostics) = SiteLoader.load(content: exampleContent, options: LoadOptions(asOf: exampleAsOf))
        let site = try XCTUnwrap(loaded, printed(diagnostics))
        let theme = try XCTUnwrap(Theme.load(defaultTheme, languages: site.config.languages, log: DiagnosticLog()))
        let renderer = SiteRenderer(site: site, theme: theme)
        var compared: [String: Int] = [:]
        func compare(_ model: any Encodable, _ message: String) {
            let name = String(describing: type(of: model))
            if let model = model as? any MadeDirectly {
                assertMadeAsEncoded(model, message)
            } else {
                // Made through its conformance: the same either way.
                XCTAssertEqual(shape(ViewEncoder.convert(model)), shape(ViewEncoder.encoded(model)), message)
            }
            compared[name, default: 0] += 1
        }
        for job in renderer.jobs() {
            let context = try self.context(site, renderer, theme, language: job.language, path: job.path)
            let (chrome, content) = job.build(context)
            for layer in [content, chrome] as [any Encodable] { compare(layer, job.outputPath) }
        }
        for language in site.config.languages {
            let context = try self.context(site, renderer, theme, language: language, path: "")
            for milestone in site.milestones { compare(context.row(milestone), milestone.id) }
            for commitment in site.commitments { compare(context.row(commitment), commitment.id) }
            for meeting in site.meetings { compare(context.row(meeting), meeting.slug) }
            for note in site.notes { compare(context.row(note), note.slug) }
        }
        XCTAssertGreaterThan(compared["Chrome"] ?? 0, 100)
        for model in ViewModelSample(seed: 0).models where !(model is MainNav) {
            let name = String(describing: type(of: model))
            XCTAssertGreaterThan(compared[name] ?? 0, 0, "no example of \(name)")
        }
    }

    private func context(_ site: Site, _ renderer: SiteRenderer, _ theme: Theme, language: String, path: String) throws -> PageContext {
        PageContext(site: site, language: language, t: Lookup(try XCTUnwrap(theme.strings[language])), path: path,
                    institutionSlugs: renderer.institutionSlugs, zone: renderer.zone, fragments: renderer.fragments,
                    problems: renderer.problems)
    }

    /// Made-up view models (every String to escape, lists empty and not) are made directly as their
    /// `Encodable` conformance makes them: a field left out, misnamed, swapped or unescaped fails.
    func testViewModelsAreMadeAsTheirEncodableConformanceMakesThem() throws {
        for seed in 0..<5 {
            for model in ViewModelSample(seed: seed).models { assertMadeAsEncoded(model, "\(type(of: model)), seed \(seed)") }
        }
        let row = ViewModelSample(seed: 1).meetingRow
        XCTAssertTrue(shape(row.viewValue).contains("title: text(&lt;1&gt; &amp; &quot;1&quot; &#39;1&#39;)"), shape(row.viewValue))
    }

    /// Facts, which `ViewEncoder` makes directly, are what their `Encodable` conformance makes.
    func testFactsAreMadeAsTheirEncodableConformanceMakesThem() throws {
        let facts = [
            Fact(label: "Lead <institution>", values: [FactValue(text: "A & B", href: "../x/?a=1&b=2", isLink: true)], isList: false),
            Fact(label: "Status", values: [FactValue(text: "one", href: "", isLink: false), FactValue(text: "\"two\"", href: "", isLink: false)],
                 isList: true),
            Fact(label: "", values: [], isList: false),
        ]
        let direct = ViewValue.list(facts.map(\.viewValue))
        XCTAssertEqual(shape(direct), shape(ViewEncoder.encoded(facts)))
        XCTAssertTrue(shape(direct).contains("text(Lead &lt;institution&gt;)"))
    }

    /// A view model that encodes through nested containers (none of wazi's does) is seen whole.
    func testNestedEncodingContainersAreKept() throws {
        struct Nested: Encodable {
            enum Keys: String, CodingKey { case outer, inner, list }
            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .outer)
                try inner.encode("<b>", forKey: .inner)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                try list.encode(1)
                var deeper = list.nestedContainer(keyedBy: Keys.self)
                try deeper.encode(true, forKey: .inner)
            }
        }
        guard case let .node(node)? = ViewEncoder.convert(Nested()) else { return XCTFail("not a node") }
        try assertSame(["main": "{{outer.inner}}{{#list}}[{{.}}{{inner}}]{{/list}}"], node)
        let (compiled, _) = try renderBoth(["main": "{{outer.inner}}{{#list}}[{{inner}}]{{/list}}"], root: node)
        XCTAssertEqual(compiled?.0, "&lt;b&gt;[][true]")
    }
}

/// Random Mustache templates and values for `testRandomTemplatesRenderAsSwiftMustacheDoes`.
private struct TemplateGenerator {
    var random: SplitMix64
    private let names = ["a", "b", "c", "rows", "flag", "n", "a.b", "a.c", "rows.a", ".a", ".", "gone", "gone.a"]
    private let texts = ["x", " ", "  ", "\n", "\n", "\r\n", "y z", "\t", "<&>"]

    /// `main` and partials `p1`…`p3`; a partial includes only later ones, so none recurses.
    mutating func templates() -> [String: String] {
        var templates: [String: String] = [:]
        for (index, name) in ["main", "p1", "p2", "p3"].enumerated() {
            templates[name] = body(depth: 0, partials: Array(["p1", "p2", "p3"].dropFirst(index)))
        }
        return templates
    }

    private mutating func body(depth: Int, partials: [String]) -> String {
        var out = ""
        for _ in 0..<(1 + random.below(6)) {
            switch random.below(depth > 2 ? 4 : 10) {
            case 0, 1: out += random.pick(texts)
            case 2: out += "{{\(random.pick(names))}}"
            case 3: out += "{{{\(random.pick(names))}}}"
            case 4, 5:
                let name = random.pick(["a", "b", "rows", "flag", "n", "gone", "a.c"])
                let mark = random.pick(["#", "^"])
                let standalone = random.below(2) == 0
                let open = standalone ? "\n" + String(repeating: " ", count: random.below(3)) + "{{\(mark)\(name)}}\n" : "{{\(mark)\(name)}}"
                let close = standalone ? "\n{{/\(name)}}\n" : "{{/\(name)}}"
                out += open + body(depth: depth + 1, partials: partials) + close
            case 6, 7:
                guard let partial = partials.isEmpty ? nil : random.pick(partials) else { continue }
                let indent = String(repeating: random.pick([" ", "\t"]), count: random.below(4))
                out += random.below(2) == 0 ? "\n\(indent){{> \(partial)}}\n" : "{{>\(partial)}}"
            case 8:
                let block = random.pick(["k", "l"])
                out += "{{$\(block)}}" + body(depth: depth + 1, partials: partials) + "{{/\(block)}}"
            default:
                guard let partial = partials.isEmpty ? nil : random.pick(partials) else { continue }
                let block = random.pick(["k", "l"])
                let indent = String(repeating: " ", count: random.below(3))
                // Only text and variables in an override: a partial that includes the parent, or the
                // block itself, would expand it forever.
                out += "\n\(indent){{<\(partial)}}\n{{$\(block)}}" + body(depth: 3, partials: [])
                    + "{{/\(block)}}\n{{/\(partial)}}\n"
            }
        }
        return out
    }

    mutating func node(depth: Int) -> ViewNode {
        var names: [String] = []
        var values: [ViewValue] = []
        for name in ["a", "b", "c", "rows", "flag", "n"] where random.below(3) > 0 {
            names.append(name)
            values.append(value(depth: depth))
        }
        return random.below(2) == 0 ? ViewNode(names: names, values: values)
            : ViewNode(Dictionary(zip(names, values)) { _, last in last })
    }

    private mutating func value(depth: Int) -> ViewValue {
        switch random.below(depth > 2 ? 4 : 7) {
        case 0: return .text(random.pick(texts) + random.pick(texts))
        case 1: return .number(random.below(3) - 1)
        case 2: return .flag(random.below(2) == 0)
        case 3: return .list([])
        case 4, 5: return .node(node(depth: depth + 1))
        default: return .list((0..<random.below(3)).map { _ in random.below(3) == 0 ? .text("t") : .node(node(depth: depth + 1)) })
        }
    }
}
