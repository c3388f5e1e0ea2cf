/// Notes, free pages, institutions and the 404 page.
struct NotesContent: Encodable { let heading: String; let notes: [RenderedRow]; let hasNotes: Bool }

struct NoteContent: Encodable {
    let heading: String
    let date: String
    let isoDate: String
    let summary: String
    let hasSummary: Bool
    let authors: String
    let hasAuthors: Bool
    let tags: [String]
    let hasTags: Bool
    let bodyHTML: RawHTML
    let related: [LinkItem]
    let hasRelated: Bool
}

struct FreePageContent: Encodable { let heading: String; let bodyHTML: RawHTML }

struct InstitutionRow: Encodable { let name: String; let href: String; let count: String }
struct InstitutionsContent: Encodable { let heading: String; let institutions: [InstitutionRow] }

struct InstitutionContent: Encodable {
    let heading: String
    let commitments: [RenderedRow]
    let hasCommitments: Bool
    let milestones: [RenderedRow]
    let hasMilestones: Bool
    let pager: Pager
}

struct NotFoundContent: Encodable { let heading: String; let message: String; let homeHref: String; let homeLabel: String }

/// Made directly (see `ViewModels+Values.swift`): a page per note and per page of an institution's list.
extension NotesContent {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [.escaped(heading), .list(notes.map(\.viewValue)), .flag(hasNotes)]))
    }
    private static let names = ["heading", "notes", "hasNotes"]
}

extension NoteContent {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(heading), .escaped(date), .escaped(isoDate), .escaped(summary), .flag(hasSummary), .escaped(authors),
            .flag(hasAuthors), .list(tags.map(ViewValue.escaped)), .flag(hasTags), bodyHTML.viewValue, .list(related.map(\.viewValue)),
            .flag(hasRelated),
        ]))
    }
    private static let names = [
        "heading", "date", "isoDate", "summary", "hasSummary", "authors", "hasAuthors", "tags", "hasTags", "bodyHTML", "related",
        "hasRelated",
    ]
}

extension InstitutionContent {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(heading), .list(commitments.map(\.viewValue)), .flag(hasCommitments), .list(milestones.map(\.viewValue)),
            .flag(hasMilestones), pager.viewValue,
        ]))
    }
    private static let names = ["heading", "commitments", "hasCommitments", "milestones", "hasMilestones", "pager"]
}

extension PageContext {
    func notesPage() -> (Chrome, NotesContent) {
        let heading = t("notes_heading")
        return (chrome(title: heading, description: t("notes_description"),
                       crumbs: [LinkItem(label: heading, href: href(Routes.notes))]),
                NotesContent(heading: heading, notes: links(site.notes), hasNotes: !site.notes.isEmpty))
    }

    func notePage(_ n: Note) -> (Chrome, NoteContent) {
        let body = markdown(n.body)
        var related = n.commitmentIDs.compactMap(site.commitment).map {
            LinkItem(label: "\($0.id) · \($0.navigationTitle(language))", href: href(Routes.commitment($0.id)))
        }
        related += n.milestoneIDs.compactMap(site.milestone).map {
            LinkItem(label: "\($0.id) · \(title($0.title))", href: href(Routes.milestone($0)))
        }
        let summary = n.summary.map(title) ?? ""
        let content = NoteContent(
            heading: title(n.title), date: date(n.date), isoDate: n.date.iso, summary: summary, hasSummary: !summary.isEmpty,
            authors: n.authors.joined(separator: ", "), hasAuthors: !n.authors.isEmpty, tags: n.tags, hasTags: !n.tags.isEmpty,
            bodyHTML: RawHTML(utf8: body.html), related: related, hasRelated: !related.isEmpty)
        let crumbs = [LinkItem(label: t("nav_notes"), href: href(Routes.notes)),
                      LinkItem(label: title(n.title), href: href(Routes.note(n.slug)))]
        return (chrome(title: title(n.title), description: summary.isEmpty ? body.excerpt : summary, crumbs: crumbs,
                       translated: n.origin.translations.contains(language), lastCrumbFallback: isFallback(n.title)), content)
    }

    func freePage(_ p: Page) -> (Chrome, FreePageContent) {
        let body = markdown(p.body)
        return (chrome(title: title(p.title), description: body.excerpt,
                       crumbs: [LinkItem(label: title(p.title), href: href(Routes.page(p.slug)))],
                       translated: p.origin.translations.contains(language), lastCrumbFallback: isFallback(p.title)),
                FreePageContent(heading: title(p.title), bodyHTML: RawHTML(utf8: body.html)))
    }

    func institutionsPage() -> (Chrome, InstitutionsContent) {
        let heading = t("institutions_heading")
        var counts: [String: Int] = [:]
        for commitment in site.commitments {
            for name in Set(commitment.institutions) { counts[name, default: 0] += 1 }
        }
        let rows = site.institutions.compactMap { name -> InstitutionRow? in
            guard let slug = institutionSlugs[name] else { return nil }
            let count = counts[name] ?? 0
            return InstitutionRow(name: name, href: href(Routes.institution(slug)), count: t.count("commitment_count", count))
        }
        return (chrome(title: heading, description: t("institutions_description"),
                       crumbs: [LinkItem(label: heading, href: href(Routes.institutions))]),
                InstitutionsContent(heading: heading, institutions: rows))
    }

    /// An institution's commitments (on its first page) and the milestones it leads, 40 a page.
    func institutionPage(_ name: String, slug: String, page: Int = 1, led: MilestoneList, involved: [Commitment])
        -> (Chrome, InstitutionContent) {
        let commitments = page == 1 ? involved : []
        let pages = led.pageCount
        let milestones = led.page(page)
        let route = { (n: Int) in Routes.institution(slug, page: n) }
        let crumbs = [LinkItem(label: t("nav_institutions"), href: href(Routes.institutions)),
                      LinkItem(label: name, href: href(route(page)))]
        return (chrome(title: name, description: t("institution_description", ["name": name]), crumbs: crumbs),
                InstitutionContent(heading: name, commitments: commitmentRows(commitments), hasCommitments: !commitments.isEmpty,
                                   milestones: milestones.map(milestoneRow), hasMilestones: !milestones.isEmpty,
                                   pager: pager(page: page, of: pages, route: route)))
    }

    func notFoundPage() -> (Chrome, NotFoundContent) {
        let heading = t("not_found_heading")
        return (chrome(title: heading, description: t("not_found_message"), crumbs: []),
                NotFoundContent(heading: heading, message: t("not_found_message"), homeHref: href(""), homeLabel: t("nav_home")))
    }
}
