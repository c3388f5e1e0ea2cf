import Mustache

/// A theme template, parsed by swift-mustache, made ready to render `ViewValue`s. It gives the
/// output swift-mustache's renderer gives for the same values (`CompiledTemplateTests` compares the
/// two on the Mustache spec and on every page of the example site), without what made that renderer
/// most of a page's cost: casting every value through `Any` to protocols, and copying tokens.
///
/// It handles what themes use: text, variables, sections, inverted sections, partials with their
/// indentation, and inheritance (`{{<parent}}`, `{{$block}}`), under the TEXT content type that
/// `Theme` gives every template (values come escaped from `ViewEncoder`). A template with
/// transforms, dynamic partial names or another content type is not compiled (`init` fails), and
/// the theme renders through swift-mustache instead.
final class CompiledTemplate: @unchecked Sendable {
    enum Step {
        case text(String)
        case value(TemplateName)
        case section(TemplateName, CompiledTemplate)
        case inverted(TemplateName, CompiledTemplate)
        case partial(String, indentation: String?, overrides: [String: CompiledTemplate]?)
        case block(String, fallback: CompiledTemplate, indentation: String?)
    }

    let steps: [Step]

    /// A template of the theme's library: it must start in the TEXT content type, as `Theme` makes them.
    convenience init?(library template: MustacheTemplate) {
        guard case let .contentType(type)? = template.parsedTokens.first, type is TextContentType else { return nil }
        self.init(template)
    }

    init?(_ template: MustacheTemplate) {
        var steps: [Step] = []
        for token in template.parsedTokens {
            switch token {
            case let .text(text):
                steps.append(.text(text))
            case let .variable(name, transforms), let .unescapedVariable(name, transforms):
                guard transforms.isEmpty else { return nil }
                steps.append(.value(TemplateName(name)))
            case let .section(name, transforms, inner):
                guard transforms.isEmpty, let inner = CompiledTemplate(inner) else { return nil }
                steps.append(.section(TemplateName(name), inner))
            case let .invertedSection(name, transforms, inner):
                guard transforms.isEmpty, let inner = CompiledTemplate(inner) else { return nil }
                steps.append(.inverted(TemplateName(name), inner))
            case let .partial(name, indentation, overrides):
                var compiled: [String: CompiledTemplate]?
                if let overrides {
                    compiled = [:]
                    for (block, inner) in overrides {
                        guard let inner = CompiledTemplate(inner) else { return nil }
                        compiled?[block] = inner
                    }
                }
                steps.append(.partial(name, indentation: indentation, overrides: compiled))
            case let .blockExpansion(name, fallback, indentation):
                guard let fallback = CompiledTemplate(fallback) else { return nil }
                steps.append(.block(name, fallback: fallback, indentation: indentation))
            case let .contentType(type):
                guard type is TextContentType else { return nil }
            case .blockDefinition:
                // Only inside `{{<parent}}`, where the parser takes them out as overrides.
                continue
            case .dynamicNamePartial:
                return nil
            }
        }
        self.steps = steps
    }
}

/// A variable or section name as swift-mustache resolves it: `.` is the current value; `a.b.c`
/// finds `a` up the context stack, then `b` and `c` inside it; `.a` looks only in the current value.
/// A class: a step that holds it is copied with one reference, at every render of the step.
final class TemplateName {
    let text: String
    let parts: [String]
    let anchored: Bool

    init(_ text: String) {
        self.text = text
        anchored = text.utf8.first == UInt8(ascii: ".")
        parts = text.utf8.split(separator: UInt8(ascii: ".")).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// One render of a compiled template: the context stack, the output, and the names the page's root
/// lacked (which swift-mustache would have rendered as empty without a word).
struct TemplateRender {
    private let library: [String: CompiledTemplate]
    private var stack: [ViewValue]
    /// UTF-8: every piece appended is a whole String, so the bytes are valid UTF-8.
    private(set) var output: [UInt8] = []
    private(set) var missing: Set<String> = []
    /// The partial or block at which templates nested deeper than `nestingLimit`, if they did: a
    /// template that includes itself would otherwise recurse until the stack overflows.
    private(set) var tooDeep: String?
    private var depth = 0
    static let nestingLimit = 64

    init(root: ViewNode, library: [String: CompiledTemplate]) {
        self.library = library
        stack = [.node(root)]
        stack.reserveCapacity(8)
        // Room for a typical page: growing by doubling from nothing copied it a dozen times. (Rows are
        // kept as Strings of their own size, see `Fragments`.)
        output.reserveCapacity(16 * 1024)
    }

    /// A frame's state that swift-mustache keeps in its context besides the stack.
    struct Frame {
        var indentation: String?
        var inherited: [String: CompiledTemplate]?
    }

    mutating func render(_ template: CompiledTemplate, _ frame: Frame) {
        // Indented (a standalone partial's lines): each step that writes something after a line
        // end gets the indentation first, as swift-mustache checks token by token.
        guard let indentation = frame.indentation, !indentation.isEmpty else {
            for step in template.steps { render(step, frame) }
            return
        }
        let start = output.count
        for step in template.steps {
            let before = output.count
            render(step, frame)
            if output.count > before, before > start, output.endsLine(before: before) {
                output.insert(contentsOf: Array(indentation.utf8), at: before)
            }
        }
    }


    private mutating func render(_ step: CompiledTemplate.Step, _ frame: Frame) {
        switch step {
        case let .text(text):
            output.append(utf8: text)
        case let .value(name):
            guard let value = resolve(name) else { return }
            switch value {
            case let .text(text): output.append(utf8: text)
            case let .markup(bytes): output.append(contentsOf: bytes)
            case let .number(number): output.append(utf8: String(number))
            default: output.append(utf8: String(describing: value.any))
            }
        case let .section(name, inner):
            switch resolve(name) {
            case nil, .flag(false)?: return
            case .flag(true)?: render(inner, frame)
            case let .list(items)?:
                for item in items { renderPushed(item, inner, frame) }
            case let value?: renderPushed(value, inner, frame)
            }
        case let .inverted(name, inner):
            switch resolve(name) {
            case nil, .flag(false)?: render(inner, frame)
            case let .list(items)? where items.isEmpty: renderPushed(.list(items), inner, frame)
            default: return
            }
        case let .partial(name, indented, overrides):
            guard let partial = library[name], enter(name) else { return }
            defer { depth -= 1 }
            var inner = Frame(indentation: indented.map { (frame.indentation ?? "") + $0 } ?? frame.indentation,
                              inherited: frame.inherited)
            if let overrides {
                // The outer template's blocks win over the inner's.
                inner.inherited = frame.inherited.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
            }
            render(partial, inner)
        case let .block(name, fallback, indented):
            guard enter(name) else { return }
            defer { depth -= 1 }
            let inner = Frame(indentation: indented.map { (frame.indentation ?? "") + $0 } ?? frame.indentation,
                              inherited: frame.inherited)
            render(frame.inherited?[name] ?? fallback, inner)
        }
    }

    /// One level deeper into partials and blocks, unless that passes the limit.
    private mutating func enter(_ name: String) -> Bool {
        guard depth < Self.nestingLimit else {
            if tooDeep == nil { tooDeep = name }
            return false
        }
        depth += 1
        return true
    }

    private mutating func renderPushed(_ value: ViewValue, _ template: CompiledTemplate, _ frame: Frame) {
        stack.append(value)
        render(template, frame)
        stack.removeLast()
    }

    /// The value `name` names, nil if none; a first part that no value up to the root has is
    /// recorded as missing.
    private mutating func resolve(_ name: TemplateName) -> ViewValue? {
        guard let first = name.parts.first, let top = stack.last else { return stack.last }
        var found: ViewValue?
        if name.anchored {
            found = Self.child(first, of: top)
            if found == nil, stack.count == 1 { missing.insert(first) }
        } else {
            for value in stack.reversed() {
                found = Self.child(first, of: value)
                if found != nil { break }
            }
            if found == nil { missing.insert(first) }
        }
        for part in name.parts.dropFirst() {
            guard let value = found else { return nil }
            found = Self.child(part, of: value)
        }
        return found
    }

    /// Only named values have children (swift-mustache's reflection finds none in texts, numbers,
    /// flags or lists).
    private static func child(_ name: String, of value: ViewValue) -> ViewValue? {
        guard case let .node(node) = value else { return nil }
        return node.value(named: name)
    }
}
