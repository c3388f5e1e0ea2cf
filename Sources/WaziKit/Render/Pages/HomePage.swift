/// The plan overview: progress per commitment, overdue milestones, upcoming meetings, latest updates.
struct HomeContent: Encodable {
    let heading: String
    let planLine: String
    let planHref: String
    let hasPlanHref: Bool
    let commitments: [RenderedRow]
    let hasCommitments: Bool
    let progress: ProgressView
    let overdue: [MilestoneRow]
    let hasOverdue: Bool
    let upcoming: [MeetingRow]
    let hasUpcoming: Bool
    let updates: [UpdateRow]
    let hasUpdates: Bool
    let meetingsHref: String
    let commitmentsHref: String
}

extension PageContext {
    func homePage() -> (Chrome, HomeContent) {
        let plan = site.config.actionPlan
        let milestones = site.milestones
        let overdue = milestones.filter { $0.isOverdue(asOf: site.asOf) }.map(row)
        let upcoming = site.meetings.filter { $0.date >= site.asOf && $0.status == .scheduled }.prefix(5).map(row)
        let updates = milestones.flatMap { m in m.updates.map { (m, $0) } }
            .sorted { ($0.1.date, $1.0.id) > ($1.1.date, $0.0.id) }
            .prefix(8).map { row($0.1, of: $0.0) }
        let content = HomeContent(
            heading: site.config.title,
            planLine: t("plan_line", ["plan": plan.title, "member": site.config.member,
                                      "start": date(plan.start), "end": date(plan.end)]),
            planHref: plan.url.map(href) ?? "", hasPlanHref: plan.url != nil,
            commitments: commitmentRows(site.commitments), hasCommitments: !site.commitments.isEmpty,
            progress: progress(Progress(milestones)),
            overdue: overdue, hasOverdue: !overdue.isEmpty, upcoming: Array(upcoming), hasUpcoming: !upcoming.isEmpty,
            updates: Array(updates), hasUpdates: !updates.isEmpty,
            meetingsHref: href(Routes.meetings), commitmentsHref: href(Routes.commitments))
        let description = t("home_description", ["member": site.config.member, "plan": plan.title])
        return (chrome(title: site.config.title, description: description, crumbs: [],
                       structuredData: homeStructuredData()), content)
    }
}
