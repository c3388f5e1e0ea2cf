/// The commitments list, each commitment's page (as the OGP website shows it) and each milestone's page.
struct CommitmentsContent: Encodable {
    let heading: String
    let commitments: [RenderedRow]
    let hasCommitments: Bool
}

struct CommitmentContent: Encodable {
    let id: String
    let heading: String
    let facts: [Fact]
    let progress: ProgressView
    let toc: [TocItem]
    let hasToc: Bool
    let descriptionHTML: RawHTML
    let milestones: [RenderedRow]
    let hasMilestones: Bool
    let timeline: TimelineView
    let meetings: [RenderedRow]
    let hasMeetings: Bool
    let notes: [RenderedRow]
    let hasNotes: Bool
}

struct MilestoneContent: Encodable {
    let id: String
    let heading: String
    let status: Badge
    let overdue: Bool
    let overdueText: String
    let facts: [Fact]
    let timeline: [UpdateRow]
    let hasTimeline: Bool
    let descriptionHTML: RawHTML
    let hasDescription: Bool
    let meetings: [RenderedRow]
    let hasMeetings: Bool
    let notes: [RenderedRow]
    let hasNotes: Bool
}

/// Made directly (see `ViewModels+Values.swift`): a page per commitment and per milestone.
extension CommitmentsContent {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [.escaped(heading), .list(commitments.map(\.viewValue)), .flag(hasCommitments)]))
    }
    private static let names = ["heading", "commitments", "hasCommitments"]
}

extension CommitmentContent {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(id), .escaped(heading), .list(facts.map(\.viewValue)), progress.viewValue, .list(toc.map(\.viewValue)),
            .flag(hasToc), descriptionHTML.viewValue, .list(milestones.map(\.viewValue)), .flag(hasMilestones), timeline.viewValue,
            .list(meetings.map(\.viewValue)), .flag(hasMeetings), .list(notes.map(\.viewValue)), .flag(hasNotes),
        ]))
    }
    private static let names = [
        "id", "heading", "facts", "progress", "toc", "hasToc", "descriptionHTML", "milestones", "hasMilestones", "timeline", "meetings",
        "hasMeetings", "notes", "hasNotes",
    ]
}

extension MilestoneContent {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(id), .escaped(heading), status.viewValue, .flag(overdue), .escaped(overdueText), .list(facts.map(\.viewValue)),
            .list(timeline.map(\.viewValue)), .flag(hasTimeline), descriptionHTML.viewValue, .flag(hasDescription),
            .list(meetings.map(\.viewValue)), .flag(hasMeetings), .list(notes.map(\.viewValue)), .flag(hasNotes),
        ]))
    }
    private static let names = [
        "id", "heading", "status", "overdue", "overdueText", "facts", "timeline", "hasTimeline", "descriptionHTML", "hasDescription",
        "meetings", "hasMeetings", "notes", "hasNotes",
    ]
}

extension PageContext {
    func commitmentsPage() -> (Chrome, CommitmentsContent) {
        let heading = t("commitments_heading")
        return (chrome(title: heading, description: t("commitments_description", ["plan": site.config.actionPlan.title]),
                       crumbs: [LinkItem(label: heading, href: href(Routes.commitments))]),
                CommitmentsContent(heading: heading, commitments: commitmentRows(site.commitments),
                                   hasCommitments: !site.commitments.isEmpty))
    }

    func commitmentPage(_ c: Commitment) -> (Chrome, CommitmentContent) {
        let body = markdown(c.description)
        let plan = site.config.actionPlan
        var facts = [
            fact("fact_id", c.id),
            fact("fact_action_plan", plan.title, href: plan.url.map(href) ?? ""),
            fact("fact_member", c.member ?? site.config.member),
            c.initialReport.map { fact("fact_initial_report", t("link_view"), href: href($0)) }
                ?? fact("fact_initial_report", t("not_available")),
            fact("fact_start", date(c.start)),
            fact("fact_end", date(c.end)),
            fact("fact_institutions", list: c.institutions, hrefs: institutionLinks(c.institutions)),
            fact("fact_policy_area", c.policyArea ?? t("not_specified")),
            fact("fact_sectors", list: c.sectors.isEmpty ? [t("not_specified")] : c.sectors),
            fact("fact_ogp_values", list: c.ogpValues.isEmpty ? [t("not_specified")] : c.ogpValues.map { t("ogp_value_\($0.rawValue)") }),
        ]
        if let url = c.ogpURL { facts.append(fact("fact_ogp_page", t("link_view"), href: href(url))) }
        if let irm = c.irm {
            var parts = [t("irm_assessed", ["date": date(irm.assessed)])]
            func line(_ label: String, _ value: String) -> String { t("label_value", ["label": t(label), "value": t(value)]) }
            if let v = irm.completion { parts.append(line("irm_completion", "irm_completion_\(v.rawValue)")) }
            if let v = irm.didItOpenGovernment { parts.append(line("irm_diog", "irm_diog_\(v.rawValue)")) }
            if let v = irm.potentialResults { parts.append(line("irm_potential", "irm_potential_\(v.rawValue)")) }
            facts.append(fact("fact_irm", list: parts))
        }
        let content = CommitmentContent(
            id: c.id, heading: title(c.title), facts: facts, progress: progress(c.progress), toc: body.toc,
            hasToc: body.toc.count > 1, descriptionHTML: RawHTML(utf8: body.html), milestones: c.milestones.map(milestoneRow),
            hasMilestones: !c.milestones.isEmpty, timeline: timeline(c.milestones),
            meetings: links(site.meetings(forCommitment: c.id)),
            hasMeetings: !site.meetings(forCommitment: c.id).isEmpty, notes: links(site.notes(forCommitment: c.id)),
            hasNotes: !site.notes(forCommitment: c.id).isEmpty)
        let crumbs = [LinkItem(label: t("nav_commitments"), href: href(Routes.commitments)),
                      LinkItem(label: c.id, href: href(Routes.commitment(c.id)))]
        return (chrome(title: "\(c.id) · \(c.navigationTitle(language))", description: body.excerpt, crumbs: crumbs,
                       translated: c.origin.translations.contains(language)), content)
    }

    func milestonePage(_ m: Milestone) -> (Chrome, MilestoneContent) {
        let body = markdown(m.description)
        let commitment = site.commitment(m.commitmentID)
        let overdue = m.isOverdue(asOf: site.asOf)
        let facts = [
            fact("fact_commitment", commitment.map { "\($0.id) · \($0.navigationTitle(language))" } ?? m.commitmentID,
                 href: href(Routes.commitment(m.commitmentID))),
            fact("fact_start", date(m.start)),
            fact("fact_end", date(m.end)),
            site.lead(of: m).map { fact("fact_lead", list: [$0], hrefs: institutionLinks([$0])) }
                ?? fact("fact_lead", t("not_specified")),
            fact("fact_last_reported", m.lastReported.map { date($0) } ?? t("not_yet_reported")),
        ]
        let meetings = site.meetings(forMilestone: m.id), notes = site.notes(forMilestone: m.id)
        let content = MilestoneContent(
            id: m.id, heading: title(m.title), status: badge(m.status), overdue: overdue,
            overdueText: t("overdue_since", ["date": date(m.end)]), facts: facts,
            timeline: m.timeline.map { row($0, of: m) }, hasTimeline: !m.updates.isEmpty,
            descriptionHTML: RawHTML(utf8: body.html), hasDescription: !body.html.isEmpty, meetings: links(meetings),
            hasMeetings: !meetings.isEmpty, notes: links(notes), hasNotes: !notes.isEmpty)
        let crumbs = [LinkItem(label: t("nav_commitments"), href: href(Routes.commitments)),
                      LinkItem(label: m.commitmentID, href: href(Routes.commitment(m.commitmentID))),
                      LinkItem(label: t("milestone_n", ["n": String(m.number)]), href: href(Routes.milestone(m)))]
        let description = body.excerpt.isEmpty ? title(m.title) : body.excerpt
        return (chrome(title: "\(m.id) · \(title(m.title))", description: description, crumbs: crumbs,
                       translated: m.origin.translations.contains(language)), content)
    }
}
