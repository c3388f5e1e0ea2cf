import CommonMark

/// A Markdown body as HTML with its table of contents (the `##` headings).
struct RenderedBody {
    /// UTF-8 (see `RawHTML`).
    let html: [UInt8]
    let toc: [TocItem]
    /// The first sentences of the text, for meta descriptions: at most 200 characters.
    let excerpt: String

    static func render(utf8 markdown: [UInt8], allowHTML: Bool, root: String) -> RenderedBody {
        let rendered = Markdown.render(utf8: markdown, options: .init(allowHTML: allowHTML, rootPrefix: root))
        return RenderedBody(html: rendered.htmlUTF8,
                            toc: rendered.headings.filter { $0.level == 2 }.map { TocItem(anchor: $0.anchor, text: $0.text) },
                            excerpt: excerpt(of: rendered.plainText))
    }

    /// `text` when it has at most 200 characters, else its first 197 and an ellipsis. Characters are
    /// counted only up to the 201st: counting a whole long text was a large share of a page's model.
    static func excerpt(of text: String) -> String {
        guard text.utf8.count > 200 else { return text }
        var end = text.startIndex
        for _ in 0..<197 {
            guard end < text.endIndex else { return text }
            end = text.index(after: end)
        }
        var rest = end
        for _ in 0..<4 {
            guard rest < text.endIndex else { return text }
            rest = text.index(after: rest)
        }
        return String(text[..<end]) + "…"
    }
}
