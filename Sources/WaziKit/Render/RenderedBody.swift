import CommonMark

/// A Markdown body as HTML with its table of contents (the `##` headings).
struct RenderedBody {
    let html: String
    let toc: [TocItem]
    let plainText: String

    static func render(_ markdown: String, allowHTML: Bool, root: String) -> RenderedBody {
        let rendered = Markdown.render(markdown, options: .init(allowHTML: allowHTML, rootPrefix: root))
        return RenderedBody(html: rendered.html,
                            toc: rendered.headings.filter { $0.level == 2 }.map { TocItem(anchor: $0.anchor, text: $0.text) },
                            plainText: rendered.plainText)
    }

    /// The first sentences of the text, for meta descriptions.
    var excerpt: String {
        plainText.count <= 200 ? plainText : String(plainText.prefix(197)) + "…"
    }
}
