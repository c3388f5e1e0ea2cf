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
        var nav = [
            NavItem(label: t("nav_home"), href: href(""), current: path == ""),
            NavItem(label: t("nav_commitments"), href: href(Routes.commitments), current: path.hasPrefix(Routes.commitments)),
            NavItem(label: t("nav_meetings"), href: href(Routes.meetings), current: path.hasPrefix(Routes.meetings)),
            NavItem(label: t("nav_notes"), href: href(Routes.notes), current: path.hasPrefix(Routes.notes)),
            NavItem(label: t("nav_browse"), href: href(Routes.browse),
                    current: path.hasPrefix(Routes.browse) || path.hasPrefix(Routes.institutions)),
            NavItem(label: t("nav_data"), href: href(Routes.data), current: path.hasPrefix(Routes.data)),
            NavItem(label: t("nav_search"), href: href(Routes.search), current: path.hasPrefix(Routes.search)),
        ]
        for page in site.pages where page.menu != nil {
            nav.append(NavItem(label: page.title.text(language), href: href(Routes.page(page.slug)),
                               current: path == Routes.page(page.slug), titleFallback: isFallback(page.title)))
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
        nav = nav.map {
            NavItem(label: $0.label, href: $0.href, current: $0.current, page: $0.current && $0.href == own,
                    titleFallback: $0.titleFallback)
        }
        // Every page of a section at one depth has the same navigation: it is rendered once.
        let navKey = nav.map { "\($0.href)|\($0.current)|\($0.page)|\($0.titleFallback)" }.joined(separator: "\u{2}")
        let mainNav = fragments.render("partials/main-nav", key: navKey, language: language) {
            MainNav(nav: nav, sourceLang: defaultName)
        }
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
