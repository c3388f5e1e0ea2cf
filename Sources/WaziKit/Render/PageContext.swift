import Foundation

/// One page being rendered: its language and place, from which every link is made relative.
struct PageContext {
    let site: Site
    let language: String
    let t: Lookup
    /// Within the language: `commitments/kenms0005/`, `` for home, `404.html` for the error page.
    let path: String
    /// Institution name → URL slug, computed once per build.
    let institutionSlugs: [String: String]

    var isDefaultLanguage: Bool { language == site.config.defaultLanguage }
    var languagePrefix: String { isDefaultLanguage ? "" : language + "/" }

    /// The file written: `fr/commitments/kenms0005/index.html`.
    var outputPath: String {
        path.hasSuffix(".html") ? languagePrefix + path : languagePrefix + path + "index.html"
    }

    /// Prefix from this page to the site root: `../../`, or `./` at the root.
    var root: String {
        // The 404 page is served at any depth, so it links from the site's root path.
        if path == "404.html" {
            let base = URLComponents(string: site.config.baseURL)?.path ?? "/"
            return base.hasSuffix("/") ? base : base + "/"
        }
        let depth = outputPath.filter { $0 == "/" }.count
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// A link to another page of this language.
    func href(_ target: String) -> String { root + languagePrefix + target }

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
