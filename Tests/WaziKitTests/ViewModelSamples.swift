@testable import WaziKit

/// The view models `ViewEncoder` makes directly, as tests reach them without a type cast.
protocol MadeDirectly: Encodable { var viewValue: ViewValue { get } }

extension Chrome: MadeDirectly {}
extension MainNav: MadeDirectly {}
extension MilestoneRow: MadeDirectly {}
extension CommitmentRow: MadeDirectly {}
extension MeetingRow: MadeDirectly {}
extension NoteRow: MadeDirectly {}
extension HomeContent: MadeDirectly {}
extension CommitmentsContent: MadeDirectly {}
extension CommitmentContent: MadeDirectly {}
extension MilestoneContent: MadeDirectly {}
extension MilestoneListContent: MadeDirectly {}
extension MeetingsContent: MadeDirectly {}
extension MeetingContent: MadeDirectly {}
extension NotesContent: MadeDirectly {}
extension NoteContent: MadeDirectly {}
extension InstitutionContent: MadeDirectly {}

/// Made-up view models in which every String needs escaping and differs from the others, as every
/// number does, and a flag is bit `seed` of its place: over seeds 0 to 4, a field left out, misnamed,
/// swapped with another or left unescaped changes the value. Lists hold `seed % 3` items.
final class ViewModelSample {
    private let seed: Int
    private var place = 0

    init(seed: Int) { self.seed = seed }

    private func next() -> Int {
        place += 1
        return place
    }
    func text() -> String { let n = next(); return "<\(n)> & \"\(n)\" '\(n)'" }
    func number() -> Int { next() * 7 }
    func flag() -> Bool { (next() >> seed) & 1 == 1 }
    /// Markup kept as a text or, every other one, as bytes (rendered bodies and rows are).
    func html() -> RawHTML {
        let n = next(), markup = "<b>\(n) &amp; é</b>"
        return n % 2 == 0 ? RawHTML(html: markup) : RawHTML(utf8: Array(markup.utf8))
    }
    func list<T>(_ make: () -> T) -> [T] { (0..<(seed % 3)).map { _ in make() } }

    /// One of every view model made directly (their parts within them).
    var models: [any MadeDirectly] {
        [mainNav, milestoneRow, commitmentRow, meetingRow, noteRow, home, commitments, commitment, milestone, milestoneList,
         meetings, meeting, notes, note, institution]
    }

    var link: LinkItem { LinkItem(label: text(), href: text()) }
    var badge: Badge { Badge(code: text(), label: text(), icon: text()) }
    var row: RenderedRow { RenderedRow(html: html()) }
    var fact: Fact {
        Fact(label: text(), values: list { FactValue(text: text(), href: text(), isLink: flag()) }, isList: flag())
    }
    var mainNav: MainNav {
        MainNav(nav: list { NavItem(label: text(), href: text(), current: flag(), page: flag(), titleFallback: flag()) },
                sourceLang: text())
    }
    var progress: ProgressView {
        ProgressView(total: number(), hasMilestones: flag(), summary: text(), percent: number(), segments: list {
            ProgressSegment(code: text(), label: text(), count: number(), percent: number(), offset: number())
        })
    }
    var pager: Pager {
        Pager(show: flag(), label: text(), status: text(), hasPrevious: flag(), previousHref: text(), previousLabel: text(),
              hasNext: flag(), nextHref: text(), nextLabel: text())
    }
    var timeline: TimelineView {
        TimelineView(width: number(), height: number(), bars: list {
            TimelineBar(number: number(), x: number(), width: number(), y: number(), labelY: number(), code: text(), overdue: flag(),
                        title: text(), xPct: text(), widthPct: text())
        }, ticks: list { TimelineTick(x: number(), label: text(), xPct: text()) }, asOfX: number(), asOfPct: text(),
        showAsOf: flag(), asOfLabel: text(), summary: text(), axisY: number())
    }
    var update: UpdateRow {
        UpdateRow(date: text(), isoDate: text(), status: badge, summary: text(), evidence: list { link }, hasEvidence: flag(),
                  milestoneTitle: text(), milestoneTitleFallback: flag(), milestoneHref: text())
    }

    var milestoneRow: MilestoneRow {
        MilestoneRow(id: text(), number: number(), title: text(), href: html(), start: text(), end: text(), status: badge,
                     overdue: flag(), lastReported: text(), titleFallback: flag(), commitmentTitle: text(), commitmentHref: html(),
                     sourceLang: text())
    }
    var commitmentRow: CommitmentRow {
        CommitmentRow(id: text(), title: text(), titleFallback: flag(), href: html(), lead: text(), period: text(), progress: progress,
                      overdueCount: number(), hasOverdue: flag(), overdueText: text(), sourceLang: text())
    }
    var meetingRow: MeetingRow {
        MeetingRow(title: text(), titleFallback: flag(), href: html(), date: text(), isoDate: text(), bodyName: text(), type: text(),
                   status: badge, sourceLang: text())
    }
    var noteRow: NoteRow {
        NoteRow(title: text(), titleFallback: flag(), href: html(), date: text(), isoDate: text(), summary: text(),
                summaryFallback: flag(), hasSummary: flag(), sourceLang: text())
    }

    var home: HomeContent {
        HomeContent(heading: text(), planLine: text(), planHref: text(), hasPlanHref: flag(), commitments: list { row },
                    hasCommitments: flag(), progress: progress, overdue: list { milestoneRow }, hasOverdue: flag(),
                    hasMoreOverdue: flag(), moreOverdueText: text(), overdueHref: text(), upcoming: list { meetingRow },
                    hasUpcoming: flag(), updates: list { update }, hasUpdates: flag(), meetingsHref: text(), commitmentsHref: text())
    }
    var commitments: CommitmentsContent { CommitmentsContent(heading: text(), commitments: list { row }, hasCommitments: flag()) }
    var commitment: CommitmentContent {
        CommitmentContent(id: text(), heading: text(), facts: list { fact }, progress: progress,
                          toc: list { TocItem(anchor: text(), text: text()) }, hasToc: flag(), descriptionHTML: html(),
                          milestones: list { row }, hasMilestones: flag(), timeline: timeline, meetings: list { row },
                          hasMeetings: flag(), notes: list { row }, hasNotes: flag())
    }
    var milestone: MilestoneContent {
        MilestoneContent(id: text(), heading: text(), status: badge, overdue: flag(), overdueText: text(), facts: list { fact },
                         timeline: list { update }, hasTimeline: flag(), descriptionHTML: html(), hasDescription: flag(),
                         meetings: list { row }, hasMeetings: flag(), notes: list { row }, hasNotes: flag())
    }
    var milestoneList: MilestoneListContent {
        MilestoneListContent(heading: text(), intro: text(), milestones: list { row }, hasMilestones: flag(), browseHref: text(),
                             browseLabel: text(), pager: pager)
    }
    var meetings: MeetingsContent {
        MeetingsContent(heading: text(), upcoming: list { meetingRow }, hasUpcoming: flag(), bodies: list {
            BodySection(name: text(), cadence: text(), hasCadence: flag(), cadenceSummary: text(), periods: list {
                PeriodRow(label: text(), expected: number(), held: number(), met: flag(), current: flag(), statusText: text())
            }, meetings: list { row }, hasMeetings: flag())
        }, calendarHref: text())
    }
    var meeting: MeetingContent {
        MeetingContent(heading: text(), status: badge, facts: list { fact }, attendance: list { SectorCount(label: text(), count: number()) },
                       hasAttendance: flag(), attendanceTotal: number(), balanceText: text(),
                       attendees: list { AttendeeRow(name: text(), hasName: flag(), organisation: text(), sector: text()) },
                       decisions: list { text() }, hasDecisions: flag(), actionItems: list {
                           ActionRow(text: text(), owner: text(), due: text(), hasDue: flag(), status: text(), done: flag(),
                                     overdue: flag())
                       }, hasActionItems: flag(), documents: list { link }, hasDocuments: flag(), minutesHTML: html(),
                       hasMinutes: flag(), minutesHaveHeadings: flag(), related: list { link }, hasRelated: flag(),
                       calendarHref: text())
    }
    var notes: NotesContent { NotesContent(heading: text(), notes: list { row }, hasNotes: flag()) }
    var note: NoteContent {
        NoteContent(heading: text(), date: text(), isoDate: text(), summary: text(), hasSummary: flag(), authors: text(),
                    hasAuthors: flag(), tags: list { text() }, hasTags: flag(), bodyHTML: html(), related: list { link },
                    hasRelated: flag())
    }
    var institution: InstitutionContent {
        InstitutionContent(heading: text(), commitments: list { row }, hasCommitments: flag(), milestones: list { row },
                           hasMilestones: flag(), pager: pager)
    }
}
