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

    /// `template` rendered with `model`; `key` must name everything the output depends on (the
    /// language is added). The final newline is dropped: the layout puts the fragment on its own line.
    func render(_ template: String, key: String, language: String, model: () -> any Encodable) -> RawHTML {
        let key = template + "\u{1}" + language + "\u{1}" + key
        if let html = lock.withLock({ rendered[key] }) { return html }
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

    /// Variables the fragments' templates use and their models lack.
    var diagnostics: [Diagnostic] { lock.withLock { problems.sorted() } }
}
