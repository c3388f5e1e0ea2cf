/// The meetings list (upcoming, and past per body with cadence) and each meeting's page.
struct PeriodRow: Encodable { let label: String; let expected: Int; let held: Int; let met: Bool; let current: Bool; let statusText: String }

struct BodySection: Encodable {
    let name: String
    let cadence: String
    let hasCadence: Bool
    let cadenceSummary: String
    let periods: [PeriodRow]
    let meetings: [RenderedRow]
    let hasMeetings: Bool
}

struct MeetingsContent: Encodable {
    let heading: String
    let upcoming: [MeetingRow]
    let hasUpcoming: Bool
    let bodies: [BodySection]
    let calendarHref: String
}

struct SectorCount: Encodable { let label: String; let count: Int }
struct AttendeeRow: Encodable { let name: String; let hasName: Bool; let organisation: String; let sector: String }
struct ActionRow: Encodable { let text: String; let owner: String; let due: String; let hasDue: Bool; let status: String; let done: Bool; let overdue: Bool }

struct MeetingContent: Encodable {
    let heading: String
    let status: Badge
    let facts: [Fact]
    let attendance: [SectorCount]
    let hasAttendance: Bool
    let attendanceTotal: Int
    let balanceText: String
    let attendees: [AttendeeRow]
    let decisions: [String]
    let hasDecisions: Bool
    let actionItems: [ActionRow]
    let hasActionItems: Bool
    let documents: [LinkItem]
    let hasDocuments: Bool
    let minutesHTML: RawHTML
    let hasMinutes: Bool
    /// The minutes bring their own `##` headings (Agenda, Minutes): the section then has no heading of its own,
    /// so theirs follow the h1 in order.
    let minutesHaveHeadings: Bool
    let related: [LinkItem]
    let hasRelated: Bool
    let calendarHref: String
}

/// Made directly (see `ViewModels+Values.swift`): a page per meeting, and the meetings list grows with them.
extension PeriodRow {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(label), .number(expected), .number(held), .flag(met), .flag(current), .escaped(statusText),
        ]))
    }
    private static let names = ["label", "expected", "held", "met", "current", "statusText"]
}

extension BodySection {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(name), .escaped(cadence), .flag(hasCadence), .escaped(cadenceSummary), .list(periods.map(\.viewValue)),
            .list(meetings.map(\.viewValue)), .flag(hasMeetings),
        ]))
    }
    private static let names = ["name", "cadence", "hasCadence", "cadenceSummary", "periods", "meetings", "hasMeetings"]
}

extension MeetingsContent {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(heading), .list(upcoming.map(\.viewValue)), .flag(hasUpcoming), .list(bodies.map(\.viewValue)), .escaped(calendarHref),
        ]))
    }
    private static let names = ["heading", "upcoming", "hasUpcoming", "bodies", "calendarHref"]
}

extension SectorCount {
    var viewValue: ViewValue { .node(ViewNode(names: Self.names, values: [.escaped(label), .number(count)])) }
    private static let names = ["label", "count"]
}

extension AttendeeRow {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [.escaped(name), .flag(hasName), .escaped(organisation), .escaped(sector)]))
    }
    private static let names = ["name", "hasName", "organisation", "sector"]
}

extension ActionRow {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(text), .escaped(owner), .escaped(due), .flag(hasDue), .escaped(status), .flag(done), .flag(overdue),
        ]))
    }
    private static let names = ["text", "owner", "due", "hasDue", "status", "done", "overdue"]
}

extension MeetingContent {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(heading), status.viewValue, .list(facts.map(\.viewValue)), .list(attendance.map(\.viewValue)), .flag(hasAttendance),
            .number(attendanceTotal), .escaped(balanceText), .list(attendees.map(\.viewValue)), .list(decisions.map(ViewValue.escaped)),
            .flag(hasDecisions), .list(actionItems.map(\.viewValue)), .flag(hasActionItems), .list(documents.map(\.viewValue)),
            .flag(hasDocuments), minutesHTML.viewValue, .flag(hasMinutes), .flag(minutesHaveHeadings), .list(related.map(\.viewValue)),
            .flag(hasRelated), .escaped(calendarHref),
        ]))
    }
    private static let names = [
        "heading", "status", "facts", "attendance", "hasAttendance", "attendanceTotal", "balanceText", "attendees", "decisions",
        "hasDecisions", "actionItems", "hasActionItems", "documents", "hasDocuments", "minutesHTML", "hasMinutes", "minutesHaveHeadings",
        "related", "hasRelated", "calendarHref",
    ]
}

extension PageContext {
    func meetingsPage() -> (Chrome, MeetingsContent) {
        let upcoming = site.meetings.filter { $0.date >= site.asOf && $0.status != .cancelled }.map(row)
        var keys = site.bodies.map(\.key)
        for meeting in site.meetings where !keys.contains(meeting.bodyKey) { keys.append(meeting.bodyKey) }
        let sections = site.bodies.map { body -> BodySection in
            let periods = site.cadence(of: body).map { p in
                PeriodRow(label: p.label, expected: p.expected, held: p.held, met: p.met, current: p.current,
                          statusText: p.met ? t("cadence_met") : (p.current ? t("cadence_pending") : t("cadence_missed")))
            }
            let past = Array(site.meetings.filter { $0.bodyKey == body.key && $0.date < site.asOf }.reversed())
            let completed = periods.filter { !$0.current }
            return BodySection(
                name: body.name,
                cadence: body.cadence.map { t("label_value", ["label": t("cadence"), "value": t("cadence_\($0.rawValue)")]) } ?? "",
                hasCadence: body.cadence != nil,
                cadenceSummary: t("cadence_summary", ["met": String(completed.filter(\.met).count),
                                                      "total": String(completed.count)]),
                periods: periods, meetings: links(past), hasMeetings: !past.isEmpty)
        }
        let heading = t("meetings_heading")
        return (chrome(title: heading, description: t("meetings_description"),
                       crumbs: [LinkItem(label: heading, href: href(Routes.meetings))]),
                MeetingsContent(heading: heading, upcoming: upcoming, hasUpcoming: !upcoming.isEmpty, bodies: sections,
                                calendarHref: resource("meetings.ics")))
    }

    func meetingPage(_ m: Meeting) -> (Chrome, MeetingContent) {
        let body = markdown(m.minutes)
        var time = ""
        if let start = m.startTime {
            time = m.endTime.map { "\(start)–\($0)" } ?? start.description
            time += " (\(site.config.timezone))"
        }
        var facts = [fact("fact_date", date(m.date))]
        if !time.isEmpty { facts.append(fact("fact_time", time)) }
        facts.append(fact("fact_body", site.body(m.bodyKey)?.name ?? m.bodyKey))
        facts.append(fact("fact_type", t("meeting_type_\(m.type.rawValue)")))
        if let location = m.location { facts.append(fact("fact_location", location)) }
        let overdue = Set(m.overdueActionItems(asOf: site.asOf))
        let items = m.actionItems.map { item in
            ActionRow(text: item.text, owner: item.owner, due: item.due.map { date($0) } ?? "", hasDue: item.due != nil,
                      status: t("action_\(item.status.rawValue)"), done: item.status == .done, overdue: overdue.contains(item))
        }
        let attendees = m.attendees.map { a in
            let name = site.config.publishAttendeeNames ? (a.name ?? "") : ""
            return AttendeeRow(name: name, hasName: !name.isEmpty, organisation: a.organisation,
                               sector: t("sector_\(a.sector.rawValue)"))
        }
        var related = m.commitmentIDs.compactMap(site.commitment).map {
            LinkItem(label: "\($0.id) · \($0.navigationTitle(language))", href: href(Routes.commitment($0.id)))
        }
        related += m.milestoneIDs.compactMap(site.milestone).map {
            LinkItem(label: "\($0.id) · \(title($0.title))", href: href(Routes.milestone($0)))
        }
        let balance = m.governmentShare.map { share in
            t("attendance_balance", ["government": String(m.governmentAttendees),
                                     "others": String(m.nonGovernmentAttendees),
                                     "percent": String(Int((share * 100).rounded()))])
        } ?? ""
        let content = MeetingContent(
            heading: title(m.title), status: badge(m.status), facts: facts,
            attendance: m.attendanceBySector.filter { $0.count > 0 }.map { SectorCount(label: t("sector_\($0.sector.rawValue)"), count: $0.count) },
            hasAttendance: !m.attendees.isEmpty, attendanceTotal: m.attendees.count, balanceText: balance,
            attendees: attendees, decisions: m.decisions, hasDecisions: !m.decisions.isEmpty, actionItems: items,
            hasActionItems: !items.isEmpty,
            documents: m.documents.map { LinkItem(label: $0.title, href: href($0.url)) }, hasDocuments: !m.documents.isEmpty,
            minutesHTML: RawHTML(utf8: body.html), hasMinutes: !body.html.isEmpty,
            minutesHaveHeadings: !body.toc.isEmpty, related: related, hasRelated: !related.isEmpty,
            calendarHref: resource(Routes.meetingCalendar(m.slug)))
        let crumbs = [LinkItem(label: t("nav_meetings"), href: href(Routes.meetings)),
                      LinkItem(label: date(m.date), href: href(Routes.meeting(m.slug)))]
        return (chrome(title: title(m.title), description: body.excerpt.isEmpty ? title(m.title) : body.excerpt,
                       crumbs: crumbs, translated: m.origin.translations.contains(language),
                       structuredData: meetingStructuredData(m)), content)
    }
}
