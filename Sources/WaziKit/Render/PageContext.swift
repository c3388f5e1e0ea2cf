import Foundation

/// One page being rendered: its language and place, from which every link is made relative.
final class PageContext {
    let site: Site
    let language: String
    let t: Lookup
    /// Within the language: `commitments/kenms0005/`, `` for home, `404.html` for the error page.
    let path: String
    /// Institution name → URL slug, computed once per build.
    let institutionSlugs: [String: String]
    /// The site's time zone, read once per build (Foundation reads the zone file each time).
    let zone: TimeZone
    /// Prefix from this page to the site root: `../../`, or `./` at the root. Computed once: every link uses it.
    let root: String
    let languagePrefix: String
    /// Shared parts of pages, rendered once per build.
    let fragments: Fragments
    /// Where a content file that changed during the build is reported.
    let problems: DiagnosticLog

    init(site: Site, language: String, t: Lookup, path: String, institutionSlugs: [String: String], zone: TimeZone,
         fragments: Fragments, problems: DiagnosticLog) {
        self.fragments = fragments
        self.problems = problems
        self.site = site
        self.language = language
        self.t = t
        self.path = path
        self.institutionSlugs = institutionSlugs
        self.zone = zone
        languagePrefix = language == site.config.defaultLanguage ? "" : language + "/"
        if path == "404.html" {
            // The 404 page is served at any depth, so it links from the site's root path.
            let base = URLComponents(string: site.config.baseURL)?.path ?? "/"
            root = base.hasSuffix("/") ? base : base + "/"
        } else {
            let depth = Self.outputPath(language: language, path: path, site: site).utf8.filter { $0 == UInt8(ascii: "/") }.count
            root = depth == 0 ? "./" : String(repeating: "../", count: depth)
        }
    }

    /// This page's context with a mark for the path to the site root: for a fragment shared by pages
    /// at every depth (see `Fragments.render(_:key:language:root:model:)`).
    var relocatable: PageContext { PageContext(self, root: Fragments.rootMark) }

    /// `context` with another root.
    private init(_ context: PageContext, root: String) {
        site = context.site
        language = context.language
        t = context.t
        path = context.path
        institutionSlugs = context.institutionSlugs
        zone = context.zone
        self.root = root
        languagePrefix = context.languagePrefix
        fragments = context.fragments
        problems = context.problems
    }

    var isDefaultLanguage: Bool { language == site.config.defaultLanguage }

    /// The file written: `fr/commitments/kenms0005/index.html`.
    var outputPath: String { Self.outputPath(language: language, path: path, site: site) }

    static func outputPath(language: String, path: String, site: Site) -> String {
        let prefix = language == site.config.defaultLanguage ? "" : language + "/"
        return path.hasSuffix(".html") ? prefix + path : prefix + path + "index.html"
    }

    /// Prefix from this page to the site root: `../../`, or `./` at the root.
    /// A link to another page of this language.
    func href(_ target: String) -> String { root + languagePrefix + target }

    /// A link to a page of this language as markup, escaped here: in a relocatable context the root
    /// stays the mark, which escaping would drop (see `relocatable`).
    func hrefMarkup(_ target: String) -> RawHTML {
        RawHTML(html: (root == Fragments.rootMark ? root : HTML.escape(root)) + HTML.escape(languagePrefix + target))
    }

    /// A link to the same page in another language.
    func href(_ target: String, language: String) -> String {
        root + (language == site.config.defaultLanguage ? "" : language + "/") + target
    }

    /// A link to a site resource (assets, files, data).
    func resource(_ path: String) -> String { root + path }

    /// This page's absolute URL.
    var absoluteURL: String { site.config.baseURL + languagePrefix + (path.hasSuffix("index.html") ? "" : path) }

    /// The href of a front-matter link.
    func href(_ link: Link) -> String {
        switch link {
        case let .external(url): return url
        case let .sitePath(path): return resource(path)
        }
    }
}
