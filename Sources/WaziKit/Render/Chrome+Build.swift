/// The layout around every page: navigation, language switcher, breadcrumbs, footer.
extension PageContext {
    /// - Parameters:
    ///   - translated: whether the page's own content exists in this language (else it falls back).
    ///   - lastCrumbFallback: whether the last crumb (the page's title) is the default language's.
    func chrome(title: String, description: String, crumbs: [LinkItem], translated: Bool = true, lastCrumbFallback: Bool = false,
                structuredData: JSONValue? = nil, ogType: String = "website") -> Chrome {
        let config = site.config
        let fallback = !translated && !isDefaultLanguage
        let defaultName = site.config.defaultLanguage
        // The main navigation's sections (labelled by a UI string's key, or a free page's title), with
        // whether each holds this page and is this page. Every page of a section at one depth has the
        // same navigation: it is rendered once, and only its key is made per page.
        var sections: [(label: String, route: String, current: Bool, titleFallback: Bool)] = [
            ("nav_home", "", path == ""),
            ("nav_commitments", Routes.commitments, path.hasPrefix(Routes.commitments)),
            ("nav_meetings", Routes.meetings, path.hasPrefix(Routes.meetings)),
            ("nav_notes", Routes.notes, path.hasPrefix(Routes.notes)),
            ("nav_browse", Routes.browse, path.hasPrefix(Routes.browse) || path.hasPrefix(Routes.institutions)),
            ("nav_data", Routes.data, path.hasPrefix(Routes.data)),
            ("nav_search", Routes.search, path.hasPrefix(Routes.search)),
        ].map { ($0.0, $0.1, $0.2, false) }
        let fixed = sections.count
        for page in site.pages where page.menu != nil {
            let route = Routes.page(page.slug)
            sections.append((page.title.text(language), route, path == route, isFallback(page.title)))
        }
        var navKey = root + languagePrefix
        for section in sections {
            navKey += section.current ? (section.route == path ? "P" : "C") : "-"
            navKey += section.titleFallback ? "f" : ""
        }
        let mainNav = fragments.render("partials/main-nav", key: navKey, language: language) {
            MainNav(nav: sections.enumerated().map { place, section in
                NavItem(label: place < fixed ? t(section.label) : section.label, href: href(section.route), current: section.current,
                        page: section.current && section.route == path, titleFallback: section.titleFallback)
            }, sourceLang: defaultName)
        }
        let target = path == "404.html" ? "" : path
        let languages = config.languages.map { code in
            LanguageItem(code: code, name: t.strings.table["language_name_\(code)"] ?? code,
                         href: href(target, language: code), current: code == language)
        }
        let alternates = config.languages.map { code in
            LanguageItem(code: code, name: code, href: config.baseURL + (code == config.defaultLanguage ? "" : code + "/") + target,
                         current: code == language)
        }
        let home = LinkItem(label: t("nav_home"), href: href(""))
        let own = href(path)
        let trail = path.isEmpty ? [] : [home] + crumbs
        let breadcrumbs = trail.enumerated().map { index, crumb in
            let isLast = index == trail.count - 1, isPage = isLast && crumb.href == own
            return NavItem(label: crumb.label, href: crumb.href, current: isPage, page: isPage,
                           titleFallback: isLast && lastCrumbFallback)
        }
        let asOf = t("as_of", ["date": date(site.asOf)])
        return Chrome(
            lang: language, uiLang: t.strings.uiLanguage, contentLang: fallback ? defaultName : language, fallback: fallback,
            fallbackNotice: t("fallback_notice", ["language": t.strings.table["language_name_\(defaultName)"] ?? defaultName]),
            sourceLang: defaultName, foreignSource: language != defaultName,
            documentTitle: path.isEmpty ? config.title : "\(title) · \(config.title)", siteTitle: config.title,
            metaDescription: description, canonical: absoluteURL, root: root, home: href(""),
            stylesheet: resource("assets/style.css"), mainNav: mainNav, languages: languages, hasLanguages: languages.count > 1,
            alternates: alternates, breadcrumbs: breadcrumbs, hasBreadcrumbs: !path.isEmpty,
            footerText: t("footer_license", ["license": config.license]), asOfText: asOf,
            jsonLD: RawHTML(html: structuredData?.scriptSafeText ?? ""), hasJSONLD: structuredData != nil, ogType: ogType,
            ogTitle: path.isEmpty ? config.title : title, ogLocale: language.replacingAll("-", with: "_"),
            feedHref: resource(languagePrefix + "feed.xml"))
    }
}
