import Foundation

/// `sitemap.xml` (sitemaps.org 0.9 with hreflang alternates) and `robots.txt`, so search engines
/// find every page and show each reader the page in their language.
public enum Sitemap {
    /// `pagePaths` are language-relative page paths (`""` for home, `commitments/kenms0005/`);
    /// every page exists in every language, untranslated text falling back to the default.
    public static func render(_ site: Site, pagePaths: [String]) -> [OutputFile] {
        let languages = site.config.languages
        var seen = Set<String>()
        let paths = pagePaths.filter { !$0.hasSuffix(".html") && seen.insert($0).inserted }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

            """
        // Google wants the full set of alternates on every URL, the page itself included: the same
        // block for a page in every language, made once.
        let pages = paths.map { path in
            let urls = languages.map { site.pageURL(path, language: $0) }
            let alternates = zip(languages, urls).map { link($0, $1) }.joined()
                + link("x-default", site.pageURL(path, language: site.config.defaultLanguage))
            return (urls.map(XMLText.escape), alternates)
        }
        for index in languages.indices {
            for (urls, alternates) in pages {
                xml += "  <url>\n    <loc>\(urls[index])</loc>\n" + alternates + "  </url>\n"
            }
        }
        xml += "</urlset>\n"
        // No <lastmod>: the content has no trustworthy modification dates, and the build's date would
        // make every URL look changed on every build.
        let robots = "User-agent: *\nAllow: /\nSitemap: \(site.config.baseURL)sitemap.xml\n"
        return [OutputFile(path: "sitemap.xml", text: xml), OutputFile(path: "robots.txt", text: robots)]
    }

    private static func link(_ hreflang: String, _ href: String) -> String {
        "    <xhtml:link rel=\"alternate\" hreflang=\"\(XMLText.attribute(hreflang))\" href=\"\(XMLText.attribute(href))\"/>\n"
    }
}

extension Site {
    /// The absolute URL of a page in a language: `https://host/plan/fr/meetings/<slug>/`.
    /// Slugs come from file names, so the path is percent-encoded to be a valid URL (sitemaps require it).
    func pageURL(_ path: String, language: String) -> String {
        let relative = (language == config.defaultLanguage ? "" : language + "/") + path
        return config.baseURL + relative.percentEncoded(.urlPathAllowed)
    }

    /// The host of `base_url`, for calendar UIDs and tag URIs.
    var host: String { config.host }

    /// The path of `base_url` without slashes at either end (`plan` for `https://example.org/plan/`).
    var basePath: String { config.basePath }
}
