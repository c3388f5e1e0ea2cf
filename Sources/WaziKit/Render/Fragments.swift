import Foundation

/// Parts of pages that many pages share (the main navigation), each rendered through its partial
/// template once per distinct model and reused: Mustache lookups are most of a page's cost.
/// One per build; safe to use from several threads.
final class Fragments: @unchecked Sendable {
    private let theme: Theme
    private var rendered: [String: RawHTML] = [:]
    private var problems: Set<Diagnostic> = []
    private let lock = NSLock()

    init(theme: Theme) { self.theme = theme }

    /// Stands for the path to the site root in a fragment shared by pages at different depths: a
    /// control character, which `HTML.escape` never lets through from content, so none can forge it.
    static let rootMark = "\u{1}"

    /// `template` rendered with `model`; `key` must name everything the output depends on (the
    /// language is added). The final newline is dropped: the layout puts the fragment on its own line.
    /// With `root`, the model is made with `rootMark` for the root (`PageContext.relocatable`), so one
    /// rendering serves every depth, and the mark is replaced by `root` on the way out.
    func render(_ template: String, key: String, language: String, root: String? = nil,
                model: () -> any Encodable) -> RawHTML {
        let key = template + "\u{2}" + language + "\u{2}" + key
        let fragment = lock.withLock({ rendered[key] }) ?? make(template, key: key, language: language, model: model)
        return root.map { RawHTML(html: Self.relocate(fragment.html, to: $0)) } ?? fragment
    }

    private func make(_ template: String, key: String, language: String, model: () -> any Encodable) -> RawHTML {
        var (html, missing) = theme.render(template, layers: [model()], language: language)
        if html.hasSuffix("\n") { html.removeLast() }
        let fragment = RawHTML(html: html)
        lock.withLock {
            rendered[key] = fragment
            for name in missing {
                problems.insert(Diagnostic(.error, SourceLocation(file: theme.directory + "/\(template).mustache"),
                                           "template uses '{{\(name)}}', which \(template) is not given"))
            }
        }
        return fragment
    }

    private static func relocate(_ html: String, to root: String) -> String {
        let mark = UInt8(1)
        guard html.utf8.contains(mark) else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count + 64)
        let prefix = Array(root.utf8)
        for byte in html.utf8 {
            if byte == mark { out += prefix } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Variables the fragments' templates use and their models lack.
    var diagnostics: [Diagnostic] { lock.withLock { problems.sorted() } }
}
