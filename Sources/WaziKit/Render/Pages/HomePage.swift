/// The plan overview: progress per commitment, overdue milestones, upcoming meetings, latest updates.
struct HomeContent: Encodable {
    /// How many overdue milestones the home page lists.
    static let overdueListed = 10

    let heading: String
    let planLine: String
    let planHref: String
    let hasPlanHref: Bool
    let commitments: [RenderedRow]
    let hasCommitments: Bool
    let progress: ProgressView
    let overdue: [MilestoneRow]
    let hasOverdue: Bool
    /// More overdue milestones than the home page lists: a link to all of them.
    let hasMoreOverdue: Bool
    let moreOverdueText: String
    let overdueHref: String
    let upcoming: [MeetingRow]
    let hasUpcoming: Bool
    let updates: [UpdateRow]
    let hasUpdates: Bool
    let meetingsHref: String
    let commitmentsHref: String
}

/// Made directly (see `ViewModels+Values.swift`): its lists of commitments grow with the plan.
extension HomeContent {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(heading), .escaped(planLine), .escaped(planHref), .flag(hasPlanHref), .list(commitments.map(\.viewValue)),
            .flag(hasCommitments), progress.viewValue, .list(overdue.map(\.viewValue)), .flag(hasOverdue), .flag(hasMoreOverdue),
            .escaped(moreOverdueText), .escaped(overdueHref), .list(upcoming.map(\.viewValue)), .flag(hasUpcoming),
            .list(updates.map(\.viewValue)), .flag(hasUpdates), .escaped(meetingsHref), .escaped(commitmentsHref),
        ]))
    }
    private static let names = [
        "heading", "planLine", "planHref", "hasPlanHref", "commitments", "hasCommitments", "progress", "overdue", "hasOverdue",
        "hasMoreOverdue", "moreOverdueText", "overdueHref", "upcoming", "hasUpcoming", "updates", "hasUpdates", "meetingsHref",
        "commitmentsHref",
    ]
}

extension PageContext {
    func homePage() -> (Chrome, HomeContent) {
        let plan = site.config.actionPlan
        let milestones = site.milestones
        // The most overdue first, and only the first few: on a large plan the whole list made the home
        // page hundreds of kilobytes (a phone on costly data); the count links to all of them.
        let allOverdue = milestones.filter { $0.isOverdue(asOf: site.asOf) }
        let overdue = allOverdue.smallest(HomeContent.overdueListed) {
            ($0.end.last, $0.commitmentID, $0.number) < ($1.end.last, $1.commitmentID, $1.number)
        }.map(row)
        let upcoming = site.meetings.filter { $0.date >= site.asOf && $0.status == .scheduled }.prefix(5).map(row)
        // The newest eight of every update (by place, not copying a milestone per update).
        var places: [(date: Day, milestone: Int, update: Int)] = []
        for (m, milestone) in milestones.enumerated() {
            for (u, update) in milestone.updates.enumerated() { places.append((update.date, m, u)) }
        }
        let updates = places.smallest(8) { a, b in
            a.date != b.date ? a.date > b.date : (milestones[a.milestone].id, a.update) < (milestones[b.milestone].id, b.update)
        }.map { row(milestones[$0.milestone].updates[$0.update], of: milestones[$0.milestone]) }
        let content = HomeContent(
            heading: site.config.title,
            planLine: t("plan_line", ["plan": plan.title, "member": site.config.member,
                                      "start": date(plan.start), "end": date(plan.end)]),
            planHref: plan.url.map(href) ?? "", hasPlanHref: plan.url != nil,
            commitments: commitmentRows(site.commitments), hasCommitments: !site.commitments.isEmpty,
            progress: progress(Progress(milestones)),
            overdue: overdue, hasOverdue: !overdue.isEmpty, hasMoreOverdue: allOverdue.count > overdue.count,
            moreOverdueText: t.count("all_overdue", allOverdue.count), overdueHref: href(MilestoneFacet.overdue.route),
            upcoming: Array(upcoming), hasUpcoming: !upcoming.isEmpty,
            updates: Array(updates), hasUpdates: !updates.isEmpty,
            meetingsHref: href(Routes.meetings), commitmentsHref: href(Routes.commitments))
        let description = t("home_description", ["member": site.config.member, "plan": plan.title])
        return (chrome(title: site.config.title, description: description, crumbs: [],
                       structuredData: homeStructuredData()), content)
    }
}

extension Sequence {
    /// The first `count` elements in the order `areInIncreasingOrder` gives, as `sorted(by:).prefix(count)`
    /// would (for a total order), without sorting them all: the home page takes a few of thousands.
    func smallest(_ count: Int, by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        guard count > 0 else { return [] }
        var kept: [Element] = []
        kept.reserveCapacity(count + 1)
        for element in self {
            if kept.count == count, let last = kept.last, !areInIncreasingOrder(element, last) { continue }
            // After every kept element that comes before it or ties with it: equal elements keep their order.
            var index = kept.count
            while index > 0, areInIncreasingOrder(element, kept[index - 1]) { index -= 1 }
            kept.insert(element, at: index)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }
}
