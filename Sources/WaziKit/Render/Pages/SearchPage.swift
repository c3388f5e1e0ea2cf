/// Search: a small script filters a JSON index of every page; without JavaScript the page offers the
/// browse lists instead, so nothing depends on the script.
struct SearchContent: Encodable {
    let heading: String
    let label: String
    let button: String
    let noScript: String
    let browseHref: String
    let browseLabel: String
    let indexHref: String
    let scriptHref: String
    let root: String
    let resultsOne: String
    let resultsOther: String
    let resultsNone: String
}

extension PageContext {
    func searchPage() -> (Chrome, SearchContent) {
        let heading = t("search_heading")
        return (chrome(title: heading, description: t("search_description"),
                       crumbs: [LinkItem(label: heading, href: href(Routes.search))]),
                SearchContent(heading: heading, label: t("search_label"), button: t("search_button"),
                              noScript: t("search_noscript"), browseHref: href(Routes.browse), browseLabel: t("browse_heading"),
                              indexHref: href(Routes.search + "index.json"), scriptHref: resource("assets/search.js"),
                              root: root, resultsOne: t("search_results.one"), resultsOther: t("search_results.other"),
                              resultsNone: t("search_none")))
    }

    /// `search/index.json` of this language: title, kind, a short text and the URL (from the site root) of every page.
    /// Written straight to bytes, the same as the `JSONValue` of `{"items": [{"k", "s", "t", "u"}…]}`
    /// compact (keys sorted): made as values, the three languages' indexes were most of the feeds' work
    /// after one edit.
    func searchIndex() -> OutputFile {
        var bytes = Array(#"{"items":["#.utf8)
        bytes.reserveCapacity(1 << 20)
        var first = true
        func add(_ title: String, _ kind: String, _ text: String, _ route: String) {
            bytes.append(contentsOf: first ? #"{"k":"#.utf8 : #",{"k":"#.utf8)
            first = false
            JSONValue.quote(t(kind), into: &bytes)
            bytes.append(contentsOf: #","s":"#.utf8)
            JSONValue.quote(text, into: &bytes)
            bytes.append(contentsOf: #","t":"#.utf8)
            JSONValue.quote(title, into: &bytes)
            bytes.append(contentsOf: #","u":"#.utf8)
            JSONValue.quote(languagePrefix + route, into: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        // Each status label looked up once, and the lead taken from the commitment at hand
        // (`Site.lead(of:)` would look it up for every milestone).
        var statuses: [MilestoneStatus: String] = [:]
        for c in site.commitments {
            add("\(c.id) · \(title(c.title))", "search_kind_commitment", c.institutions.joined(separator: ", "), Routes.commitment(c.id))
            for m in c.milestones {
                let status = statuses[m.status] ?? t("status_\(m.status.rawValue)")
                statuses[m.status] = status
                add("\(m.id) · \(title(m.title))", "search_kind_milestone", "\(status) · \(m.lead ?? c.lead ?? "")", Routes.milestone(m))
            }
        }
        for m in site.meetings {
            add(title(m.title), "search_kind_meeting", "\(date(m.date)) · \(site.body(m.bodyKey)?.name ?? m.bodyKey)", Routes.meeting(m.slug))
        }
        for n in site.notes { add(title(n.title), "search_kind_note", n.summary.map(title) ?? "", Routes.note(n.slug)) }
        for p in site.pages { add(title(p.title), "search_kind_page", "", Routes.page(p.slug)) }
        bytes.append(contentsOf: "]}".utf8)
        return OutputFile(path: languagePrefix + Routes.search + "index.json", bytes: bytes)
    }
}
