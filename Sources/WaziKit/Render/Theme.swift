import Foundation
import Mustache

/// The theme: Mustache templates, UI strings per language and static assets, from `templates/`.
public struct Theme: Sendable {
    public static let requiredTemplates = [
        "layout", "home", "commitments", "commitment", "milestone", "meetings", "meeting", "notes", "note",
        "page", "institutions", "institution", "data", "browse", "milestones", "search", "404", "partials/main-nav",
        "partials/milestone-row", "partials/meeting-row", "partials/note-row",
        "partials/commitment-row",
    ]

    static let textPragma = "{{% CONTENT_TYPE: TEXT}}"

    public let directory: String
    let library: MustacheLibrary
    /// Every template ready for `TemplateRender`; nil when one uses what only swift-mustache's
    /// renderer handles (see `CompiledTemplate`), and then every page renders through it.
    let compiled: [String: CompiledTemplate]?
    /// Tests set `.library` to compare the two renderers.
    var engine = Engine.compiled
    public let strings: [String: Strings]
    /// Each language's UI strings escaped for HTML, once, for `{{t.key}}`.
    let escapedStrings: [String: ViewNode]
    /// Files under `templates/assets/`, relative to it, sorted.
    public let assets: [String]

    /// Loads the theme for `languages`; a missing template or string is an error, never an empty render.
    public static func load(_ directory: String, languages: [String], log: DiagnosticLog) -> Theme? {
        var library = MustacheLibrary()
        var texts: [String: String] = [:]
        var compiled: [String: CompiledTemplate]? = [:]
        let fm = FileManager.default
        for name in (try? fm.subpathsOfDirectory(atPath: directory))?.sorted() ?? [] where name.hasSuffix(".mustache") {
            let path = directory + "/" + name
            guard let text = readText(path, display: path, log: log) else { continue }
            let key = String(name.dropLast(".mustache".count))
            do {
                // wazi escapes every view-model string itself (ViewEncoder), faster than swift-mustache's
                // per-character escaping; the TEXT content type keeps it from escaping a second time.
                let template = try MustacheTemplate(string: Self.textPragma + text)
                library.register(template, named: key)
                compiled?[key] = CompiledTemplate(library: template)
                if compiled?[key] == nil { compiled = nil }
                texts[key] = text
            } catch let error as MustacheTemplate.ParserError {
                log.error(SourceLocation(file: path, line: error.context.lineNumber, column: error.context.columnNumber),
                          "template syntax error: \(error.error)")
            } catch {
                log.error(SourceLocation(file: path), "template syntax error: \(error)")
            }
        }
        for name in requiredTemplates where texts[name] == nil && !log.items.contains(where: { $0.location.file.hasSuffix("/\(name).mustache") }) {
            log.error(SourceLocation(file: directory + "/\(name).mustache"), "template '\(name)' is missing from the theme")
        }
        var strings: [String: Strings] = [:]
        for language in languages {
            let path = directory + "/i18n/\(language).yaml"
            if !FileManager.default.fileExists(atPath: path), language != "en",
               FileManager.default.fileExists(atPath: directory + "/i18n/en.yaml") {
                // A language the theme has not been translated into yet: its pages still build, with the
                // English interface, and the author is told how to translate it.
                log.warning(SourceLocation(file: path), "no UI strings for language '\(language)': the interface is shown in English; create \(path) (copy en.yaml and translate it)")
                if let english = Strings.load(directory: directory, language: "en", log: log) {
                    strings[language] = english.standingIn(for: language)
                }
                continue
            }
            if let loaded = Strings.load(directory: directory, language: language, log: log) { strings[language] = loaded }
        }
        // Every `{{t.key}}` a template uses must exist in every language.
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            for (key, line) in stringKeys(in: text) {
                for language in languages {
                    guard let table = strings[language], table[key] == nil else { continue }
                    log.error(SourceLocation(file: table.path),
                              "missing string '\(key)', used by \(directory)/\(name).mustache:\(line)")
                }
            }
        }
        let assetRoot = directory + "/assets"
        let assets = ((try? fm.subpathsOfDirectory(atPath: assetRoot)) ?? []).filter { path in
            var dir: ObjCBool = false
            return fm.fileExists(atPath: assetRoot + "/" + path, isDirectory: &dir) && !dir.boolValue
        }.sorted()
        if log.hasErrors { return nil }
        let escaped = strings.mapValues { ViewNode($0.table.mapValues { .text(HTML.escape($0)) }) }
        return Theme(directory: directory, library: library, compiled: compiled, strings: strings, escapedStrings: escaped,
                     assets: assets)
    }

    /// The keys of `{{t.key}}` tags with the line they are on. On bytes (every build reads every
    /// template): a key is ASCII letters, digits, `_` and `-`, and any non-ASCII character.
    static func stringKeys(in template: String) -> [(String, Int)] {
        var found: [(String, Int)] = []
        let bytes = Array(template.utf8)
        var line = 1
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A { line += 1 }
            guard bytes[i] == UInt8(ascii: "{"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") else {
                i += 1
                continue
            }
            i += 2
            while i < bytes.count, Self.tagMarks.contains(bytes[i]) { i += 1 }
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "t"), bytes[i + 1] == UInt8(ascii: ".") else { continue }
            i += 2
            let start = i
            while i < bytes.count, Self.isKeyByte(bytes[i]) { i += 1 }
            found.append((String(decoding: bytes[start..<i], as: UTF8.self), line))
        }
        return found
    }

    /// What may stand between `{{` and a name: a section, inverted, closing, unescaped or `{` mark, spaces.
    private static let tagMarks: Set<UInt8> = Set("#^/&{ ".utf8)

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39)
            || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    /// Which renderer renders a page: the compiled templates when the theme has them, or
    /// swift-mustache's own (which tests compare them with).
    enum Engine {
        case compiled
        case library
    }

    /// Renders `template` with the page's view model; variables the model lacks are reported, not left empty.
    /// The root looks names up in its layers: page content, then layout, then the UI strings as `t`.
    /// A page or fragment as rendered: its bytes, the names its model lacked, and the partial at which
    /// templates nested too deep (see `TemplateRender.tooDeep`).
    struct Rendered {
        var bytes: [UInt8]
        var missing: [String]
        var tooDeep: String?

        /// The problems as diagnostics of `template`; `lacking` words the message for a missing name.
        func diagnostics(_ theme: Theme, template: String, lacking: (String) -> String) -> [Diagnostic] {
            missing.map { Diagnostic(.error, SourceLocation(file: theme.directory + "/\(template).mustache"), lacking($0)) }
                + (tooDeep.map {
                [Diagnostic(.error, SourceLocation(file: theme.directory + "/\($0).mustache"),
                            "partials nest more than \(TemplateRender.nestingLimit) deep here: does '\($0)' include itself?")]
            } ?? [])
        }
    }

    func render(_ template: String, layers: [any Encodable], language: String) -> Rendered {
        let nodes = layers.map { layer -> ViewNode in
            guard case let .node(node)? = ViewEncoder.convert(layer) else { return ViewNode([:]) }
            return node
        } + [ViewNode(["t": .node(escapedStrings[language] ?? ViewNode([:]))])]
        if engine == .compiled, let compiled {
            guard let page = compiled[template] else { return Rendered(bytes: [], missing: []) }
            var render = TemplateRender(root: ViewNode(layers: nodes), library: compiled)
            render.render(page, TemplateRender.Frame())
            return Rendered(bytes: render.output, missing: render.missing.sorted(), tooDeep: render.tooDeep)
        }
        let root = StrictRoot(nodes)
        let html = library.render(root, withTemplate: template) ?? ""
        return Rendered(bytes: Array(html.utf8), missing: root.missing.sorted())
    }
}

/// The root of a page's view model for swift-mustache's renderer: records every name no layer has,
/// since swift-mustache would silently render it as empty.
final class StrictRoot: MustacheParent {
    private let layers: [ViewNode]
    private(set) var missing: Set<String> = []

    init(_ layers: [ViewNode]) { self.layers = layers }

    func child(named name: String) -> Any? {
        for layer in layers {
            if let value = layer.child(named: name) { return value }
        }
        missing.insert(name)
        return nil
    }
}

/// HTML escaping for text and attribute values: `& < > " '`. Control characters other than tab and
/// line ends, which HTML does not allow (and YAML escapes like `"\x01"` can produce), are dropped.
enum HTML {
    static func escape(_ text: String) -> String {
        // Most strings need nothing (every view-model string passes here).
        guard text.utf8.withContiguousStorageIfAvailable(needsEscape) ?? text.containsUTF8Byte(where: isSpecial) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            case 0x09, 0x0A, 0x0D: out.append(byte)
            case ..<0x20: break
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `escape` changes any of `bytes`. Eight are tested at once: strings are mostly plain, and
    /// every String of every page's view model is looked through.
    private static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= 8 else { return bytes.contains(where: isSpecial) }
        let ones: UInt64 = 0x0101_0101_0101_0101
        // Some high bit of a byte is set in `below(n, word)` if and only if some byte of `word` is less
        // than `n` (at most 0x80); `word ^ (ones &* b)` has a zero byte where `word` has `b`.
        func below(_ n: UInt64, _ word: UInt64) -> UInt64 { (word &- ones &* n) & ~word }
        func needsEscape(at i: Int) -> Bool {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // `&` and `'` are 0x26 and 0x27, `<` and `>` 0x3C and 0x3E: one test for each pair.
            let found = below(0x20, word) | below(1, word ^ (ones &* 0x22)) | below(1, (word & ~ones) ^ (ones &* 0x26))
                | below(1, (word | (ones &* 0x02)) ^ (ones &* 0x3E))
            // A control character may be a tab or a line end, which stay: the bytes decide.
            return found & (ones &* 0x80) != 0 && UnsafeBufferPointer(rebasing: bytes[i..<i + 8]).contains(where: isSpecial)
        }
        var i = 0
        while i + 8 <= bytes.count {
            if needsEscape(at: i) { return true }
            i += 8
        }
        // The last bytes as the last eight, again with some already looked at.
        return i < bytes.count && needsEscape(at: bytes.count - 8)
    }

    @inline(__always) private static func isSpecial(_ byte: UInt8) -> Bool {
        byte <= 0x3E && (byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
            || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D))
    }
}
