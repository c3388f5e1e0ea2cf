/// Finding things without search: milestones by status (and overdue), by OGP value, by institution.
struct FacetLink: Encodable { let label: String; let href: String; let count: String; let code: String }

struct BrowseContent: Encodable {
    let heading: String
    let intro: String
    let statuses: [FacetLink]
    let values: [FacetLink]
    let institutions: [FacetLink]
    let hasInstitutions: Bool
}

struct MilestoneListContent: Encodable {
    let heading: String
    let intro: String
    let milestones: [RenderedRow]
    let hasMilestones: Bool
    let browseHref: String
    let browseLabel: String
    let pager: Pager
}

/// Links between the pages of a long list, so that each page stays light on a phone.
struct Pager: Encodable {
    let show: Bool
    let label: String
    let status: String
    let hasPrevious: Bool
    let previousHref: String
    let previousLabel: String
    let hasNext: Bool
    let nextHref: String
    let nextLabel: String
}

/// Made directly (see `ViewModels+Values.swift`): a page per 40 milestones of every list.
extension MilestoneListContent {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(heading), .escaped(intro), .list(milestones.map(\.viewValue)), .flag(hasMilestones), .escaped(browseHref),
            .escaped(browseLabel), pager.viewValue,
        ]))
    }
    private static let names = ["heading", "intro", "milestones", "hasMilestones", "browseHref", "browseLabel", "pager"]
}

extension Pager {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .flag(show), .escaped(label), .escaped(status), .flag(hasPrevious), .escaped(previousHref), .escaped(previousLabel),
            .flag(hasNext), .escaped(nextHref), .escaped(nextLabel),
        ]))
    }
    private static let names = ["show", "label", "status", "hasPrevious", "previousHref", "previousLabel", "hasNext", "nextHref", "nextLabel"]
}

extension Routes {
    static let browse = "browse/"
    static let search = "search/"
    static func browse(status code: String) -> String { "browse/status/\(code)/" }
    static func browse(value code: String) -> String { "browse/value/\(code)/" }
}

/// A filtered list of milestones: a status, overdue, or an OGP value.
enum MilestoneFacet: Sendable {
    case status(MilestoneStatus)
    case overdue
    case value(OGPValue)

    static var all: [MilestoneFacet] {
        MilestoneStatus.allCases.map(MilestoneFacet.status) + [.overdue] + OGPValue.allCases.map(MilestoneFacet.value)
    }

    var route: String {
        switch self {
        case let .status(status): return Routes.browse(status: status.rawValue)
        case .overdue: return Routes.browse(status: "overdue")
        case let .value(value): return Routes.browse(value: value.rawValue)
        }
    }

    /// Milestones per page of a list.
    static let pageSize = 40

    /// Page `n` (1-based) of the list: the first is the facet's own route.
    func route(page: Int) -> String { page <= 1 ? route : route + "\(page)/" }

    func includes(_ milestone: Milestone, in site: Site) -> Bool {
        switch self {
        case let .status(status): return milestone.status == status
        case .overdue: return milestone.isOverdue(asOf: site.asOf)
        case let .value(value): return site.ogpValues(of: milestone).contains(value)
        }
    }
}

extension PageContext {
    /// Links to the previous and next pages of a list whose page `n` is at `route(n)`.
    func pager(page: Int, of pages: Int, route: (Int) -> String) -> Pager {
        Pager(show: pages > 1, label: t("pager_label"), status: t("pager_status", ["n": String(page), "total": String(pages)]),
              hasPrevious: page > 1, previousHref: href(route(page - 1)), previousLabel: t("pager_previous"),
              hasNext: page < pages, nextHref: href(route(page + 1)), nextLabel: t("pager_next"))
    }

    func facetLabel(_ facet: MilestoneFacet) -> String {
        switch facet {
        case let .status(status): return t("status_\(status.rawValue)")
        case .overdue: return t("overdue")
        case let .value(value): return t("ogp_value_\(value.rawValue)")
        }
    }

    func browsePage() -> (Chrome, BrowseContent) {
        func link(_ facet: MilestoneFacet, code: String) -> FacetLink {
            let count = site.milestones.count { facet.includes($0, in: site) }
            return FacetLink(label: facetLabel(facet), href: href(facet.route), count: t.count("milestone_count", count), code: code)
        }
        let statuses = MilestoneStatus.allCases.map { link(.status($0), code: $0.rawValue) } + [link(.overdue, code: "overdue")]
        let values = OGPValue.allCases.map { link(.value($0), code: $0.rawValue) }
        var ledCounts: [String: Int] = [:]
        for milestone in site.milestones {
            if let lead = site.lead(of: milestone) { ledCounts[lead, default: 0] += 1 }
        }
        let institutions = site.institutions.compactMap { name -> FacetLink? in
            guard let slug = institutionSlugs[name] else { return nil }
            let led = ledCounts[name] ?? 0
            return FacetLink(label: name, href: href(Routes.institution(slug)), count: t.count("milestone_count", led), code: slug)
        }
        let heading = t("browse_heading")
        return (chrome(title: heading, description: t("browse_description"),
                       crumbs: [LinkItem(label: heading, href: href(Routes.browse))]),
                BrowseContent(heading: heading, intro: t("browse_description"), statuses: statuses, values: values,
                              institutions: institutions, hasInstitutions: !institutions.isEmpty))
    }

    func milestoneListPage(_ facet: MilestoneFacet, page: Int = 1, listed all: MilestoneList) -> (Chrome, MilestoneListContent) {
        let pages = all.pageCount
        let milestones = all.page(page)
        let heading: String
        switch facet {
        case .status, .overdue: heading = t("browse_status_heading", ["status": facetLabel(facet)])
        case .value: heading = t("browse_value_heading", ["value": facetLabel(facet)])
        }
        let browse = t("browse_heading")
        return (chrome(title: heading, description: heading,
                       crumbs: [LinkItem(label: browse, href: href(Routes.browse)), LinkItem(label: facetLabel(facet), href: href(facet.route))]),
                MilestoneListContent(heading: heading, intro: t.count("milestone_count", all.count),
                                     milestones: milestones.map(milestoneRow), hasMilestones: !milestones.isEmpty,
                                     browseHref: href(Routes.browse), browseLabel: t("browse_all"),
                                     pager: pager(page: page, of: pages, route: facet.route(page:))))
    }
}
