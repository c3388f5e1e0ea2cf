/// View models: everything a template shows, pre-formatted in the page's language.
/// Nested rows have no optionals: a nil would make Mustache look the name up in the page instead.

/// Markup made by wazi itself (rendered Markdown, rows, JSON-LD): the only text a template shows
/// unescaped. Kept as it was made, a text or UTF-8 bytes: a text made of the bytes of every rendered
/// body and row was validated again, a share of every page.
struct RawHTML: Equatable, Encodable {
    private enum Storage {
        case text(String)
        case bytes([UInt8])
    }

    private let storage: Storage

    init(html: String) { storage = .text(html) }
    /// `utf8` must be UTF-8 (wazi's own markup, made from validated text).
    init(utf8: [UInt8]) { storage = .bytes(utf8) }

    var html: String {
        switch storage {
        case let .text(text): return text
        case let .bytes(bytes): return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// As templates take it, unescaped.
    var viewValue: ViewValue {
        switch storage {
        case let .text(text): return .text(text)
        case let .bytes(bytes): return .markup(bytes)
        }
    }

    var isEmpty: Bool {
        switch storage {
        case let .text(text): return text.isEmpty
        case let .bytes(bytes): return bytes.isEmpty
        }
    }

    /// The markup's bytes, however it is kept.
    func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case var .text(text): return text.withUTF8(body)
        case let .bytes(bytes): return bytes.withUnsafeBufferPointer(body)
        }
    }

    static func == (a: RawHTML, b: RawHTML) -> Bool { a.html == b.html }

    private enum CodingKeys: String, CodingKey { case html }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(html, forKey: .html)
    }
}

struct LinkItem: Encodable { let label: String; let href: String }

/// `current`: the page is this link's or inside its section; `page`: the link is the page itself
/// (`aria-current="page"`, else `aria-current="true"`); `titleFallback`: the label is the default language's.
struct NavItem: Encodable { let label: String; let href: String; let current: Bool; var page = false; var titleFallback = false }

struct LanguageItem: Encodable { let code: String; let name: String; let href: String; let current: Bool }

/// A fact of an "at a glance" list: one value, or several shown as a list.
struct Fact: Encodable { let label: String; let values: [FactValue]; let isList: Bool }

/// A value that may link somewhere (`href` empty when not).
struct FactValue: Encodable { let text: String; let href: String; let isLink: Bool }

extension Fact {
    /// What `ViewEncoder` makes of a fact through its `Encodable` conformance (a test compares them),
    /// made directly: pages show many facts, and each went through a dozen generic calls.
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .text(HTML.escape(label)),
            .list(values.map { value in
                .node(ViewNode(names: Self.valueNames, values: [.text(HTML.escape(value.text)), .text(HTML.escape(value.href)),
                                                                .flag(value.isLink)]))
            }),
            .flag(isList),
        ]))
    }

    private static let names = ["label", "values", "isList"]
    private static let valueNames = ["text", "href", "isLink"]
}

/// A status as text, icon and class: never colour alone.
struct Badge: Encodable { let code: String; let label: String; let icon: String }

struct TocItem: Encodable { let anchor: String; let text: String }

/// The model of `partials/main-nav`.
struct MainNav: Encodable { let nav: [NavItem]; let sourceLang: String }

/// The layout's model: shared by every page.
struct Chrome: Encodable {
    let lang: String
    /// Language of the interface strings: the page's, or English standing in for a missing translation.
    let uiLang: String
    /// Language of the main content: the default language when the page falls back.
    let contentLang: String
    let fallback: Bool
    let fallbackNotice: String
    /// The default language, in which untranslatable text (update summaries, decisions) and fallbacks are written.
    let sourceLang: String
    /// Whether the page's language is another than `sourceLang`: such text then needs `lang="{{sourceLang}}"`.
    let foreignSource: Bool
    let documentTitle: String
    let siteTitle: String
    let metaDescription: String
    let canonical: String
    let root: String
    let home: String
    let stylesheet: String
    /// The main navigation, rendered by `partials/main-nav` (see `Fragments`).
    let mainNav: RawHTML
    let languages: [LanguageItem]
    let hasLanguages: Bool
    let alternates: [LanguageItem]
    /// The last is the page itself (`current`, marked `aria-current="page"`).
    let breadcrumbs: [NavItem]
    let hasBreadcrumbs: Bool
    let footerText: String
    let asOfText: String
    /// schema.org JSON-LD, already safe inside `<script>` (`<`, `>`, `&` escaped).
    let jsonLD: RawHTML
    let hasJSONLD: Bool
    let ogType: String
    let ogTitle: String
    let ogLocale: String
    let feedHref: String
}

extension Chrome {
    /// What `ViewEncoder` makes of the layout through its `Encodable` conformance (a test compares
    /// them), made directly: every page has one, and its thirty fields went through generic calls.
    var viewValue: ViewValue {
        func text(_ text: String) -> ViewValue { .text(HTML.escape(text)) }
        func languageList(_ items: [LanguageItem]) -> ViewValue {
            .list(items.map { item in
                .node(ViewNode(names: Self.languageNames, values: [text(item.code), text(item.name), text(item.href), .flag(item.current)]))
            })
        }
        return .node(ViewNode(names: Self.names, values: [
            text(lang), text(uiLang), text(contentLang), .flag(fallback), text(fallbackNotice), text(sourceLang), .flag(foreignSource),
            text(documentTitle), text(siteTitle), text(metaDescription), text(canonical), text(root), text(home), text(stylesheet),
            mainNav.viewValue, languageList(languages), .flag(hasLanguages), languageList(alternates),
            .list(breadcrumbs.map(\.viewValue)), .flag(hasBreadcrumbs), text(footerText), text(asOfText), jsonLD.viewValue,
            .flag(hasJSONLD), text(ogType), text(ogTitle), text(ogLocale), text(feedHref),
        ]))
    }

    private static let names = [
        "lang", "uiLang", "contentLang", "fallback", "fallbackNotice", "sourceLang", "foreignSource", "documentTitle", "siteTitle",
        "metaDescription", "canonical", "root", "home", "stylesheet", "mainNav", "languages", "hasLanguages", "alternates",
        "breadcrumbs", "hasBreadcrumbs", "footerText", "asOfText", "jsonLD", "hasJSONLD", "ogType", "ogTitle", "ogLocale", "feedHref",
    ]
    private static let languageNames = ["code", "name", "href", "current"]
}

struct ProgressView: Encodable {
    let total: Int
    let hasMilestones: Bool
    let summary: String
    let percent: Int
    let segments: [ProgressSegment]
}

struct ProgressSegment: Encodable { let code: String; let label: String; let count: Int; let percent: Int; let offset: Int }

/// A row rendered by its own partial (see `Fragments`).
struct RenderedRow: Encodable { let html: RawHTML }

struct MilestoneRow: Encodable {
    let id: String
    let number: Int
    let title: String
    /// Markup (see `PageContext.hrefMarkup`): the row may be rendered once for pages at every depth.
    let href: RawHTML
    let start: String
    let end: String
    let status: Badge
    let overdue: Bool
    let lastReported: String
    /// The title is the default language's (no translation): the template marks it with `lang`.
    let titleFallback: Bool
    let commitmentTitle: String
    let commitmentHref: RawHTML
    /// The default language, for `lang` when `titleFallback`.
    let sourceLang: String
}

struct CommitmentRow: Encodable {
    let id: String
    let title: String
    let titleFallback: Bool
    /// Markup, as `MilestoneRow.href`.
    let href: RawHTML
    let lead: String
    let period: String
    let progress: ProgressView
    let overdueCount: Int
    let hasOverdue: Bool
    let overdueText: String
    let sourceLang: String
}

struct MeetingRow: Encodable {
    let title: String
    let titleFallback: Bool
    /// Markup, as `MilestoneRow.href`.
    let href: RawHTML
    let date: String
    let isoDate: String
    let bodyName: String
    let type: String
    let status: Badge
    let sourceLang: String
}

struct NoteRow: Encodable {
    let title: String; let titleFallback: Bool; let href: RawHTML; let date: String; let isoDate: String
    let summary: String; let summaryFallback: Bool; let hasSummary: Bool; let sourceLang: String
}

struct UpdateRow: Encodable {
    let date: String
    let isoDate: String
    let status: Badge
    let summary: String
    let evidence: [LinkItem]
    let hasEvidence: Bool
    let milestoneTitle: String
    let milestoneTitleFallback: Bool
    let milestoneHref: String
}
