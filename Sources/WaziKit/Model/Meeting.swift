/// A meeting of a governance body, a training or a consultation (`content/meetings/<date>-<slug>.md`).
public struct Meeting: Hashable, Sendable {
    /// The file name without `.md`: `2025-09-18-steering-committee`.
    public var slug: String { fields.slug }
    public var title: Localized { fields.title }
    public var date: Day { fields.date }
    public var startTime: ClockTime? { fields.startTime }
    public var endTime: ClockTime? { fields.endTime }
    public var bodyKey: String { fields.bodyKey }
    public var type: MeetingType { fields.type }
    /// As written, or derived from the date (held before as-of, else scheduled).
    public var status: MeetingStatus { fields.status }
    public var location: String? { fields.location }
    public var commitmentIDs: [String] { fields.commitmentIDs }
    public var milestoneIDs: [String] { fields.milestoneIDs }
    public var attendees: [Attendee] { fields.attendees }
    public var decisions: [String] { fields.decisions }
    public var actionItems: [ActionItem] { fields.actionItems }
    public var documents: [MeetingDocument] { fields.documents }
    /// Agenda and minutes (Markdown).
    public var minutes: MarkdownSource { fields.minutes }
    public var origin: Origin { fields.origin }

    /// The values, held once and never changed (as `Milestone`'s): pages, calendars and relations
    /// copy meetings by the thousand, and a copy of seventeen fields was a retain and a release each.
    private let fields: Fields

    private final class Fields: Sendable {
        let slug: String
        let title: Localized
        let date: Day
        let startTime: ClockTime?
        let endTime: ClockTime?
        let bodyKey: String
        let type: MeetingType
        let status: MeetingStatus
        let location: String?
        let commitmentIDs: [String]
        let milestoneIDs: [String]
        let attendees: [Attendee]
        let decisions: [String]
        let actionItems: [ActionItem]
        let documents: [MeetingDocument]
        let minutes: MarkdownSource
        let origin: Origin

        init(slug: String, title: Localized, date: Day, startTime: ClockTime?, endTime: ClockTime?, bodyKey: String,
             type: MeetingType, status: MeetingStatus, location: String?, commitmentIDs: [String],
             milestoneIDs: [String], attendees: [Attendee], decisions: [String], actionItems: [ActionItem],
             documents: [MeetingDocument], minutes: MarkdownSource, origin: Origin) {
            self.slug = slug
            self.title = title
            self.date = date
            self.startTime = startTime
            self.endTime = endTime
            self.bodyKey = bodyKey
            self.type = type
            self.status = status
            self.location = location
            self.commitmentIDs = commitmentIDs
            self.milestoneIDs = milestoneIDs
            self.attendees = attendees
            self.decisions = decisions
            self.actionItems = actionItems
            self.documents = documents
            self.minutes = minutes
            self.origin = origin
        }
    }

    init(slug: String, title: Localized, date: Day, startTime: ClockTime?, endTime: ClockTime?, bodyKey: String,
         type: MeetingType, status: MeetingStatus, location: String?, commitmentIDs: [String], milestoneIDs: [String],
         attendees: [Attendee], decisions: [String], actionItems: [ActionItem], documents: [MeetingDocument],
         minutes: MarkdownSource, origin: Origin) {
        fields = Fields(slug: slug, title: title, date: date, startTime: startTime, endTime: endTime,
                        bodyKey: bodyKey, type: type, status: status, location: location,
                        commitmentIDs: commitmentIDs, milestoneIDs: milestoneIDs, attendees: attendees,
                        decisions: decisions, actionItems: actionItems, documents: documents, minutes: minutes,
                        origin: origin)
    }

    /// Equal values, as for any struct (the same storage is a shortcut).
    public static func == (a: Meeting, b: Meeting) -> Bool {
        a.fields === b.fields || (a.slug == b.slug
            && a.title == b.title
            && a.date == b.date
            && a.startTime == b.startTime
            && a.endTime == b.endTime
            && a.bodyKey == b.bodyKey
            && a.type == b.type
            && a.status == b.status
            && a.location == b.location
            && a.commitmentIDs == b.commitmentIDs
            && a.milestoneIDs == b.milestoneIDs
            && a.attendees == b.attendees
            && a.decisions == b.decisions
            && a.actionItems == b.actionItems
            && a.documents == b.documents
            && a.minutes == b.minutes
            && a.origin == b.origin)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(slug)
        hasher.combine(title)
        hasher.combine(date)
        hasher.combine(startTime)
        hasher.combine(endTime)
        hasher.combine(bodyKey)
        hasher.combine(type)
        hasher.combine(status)
        hasher.combine(location)
        hasher.combine(commitmentIDs)
        hasher.combine(milestoneIDs)
        hasher.combine(attendees)
        hasher.combine(decisions)
        hasher.combine(actionItems)
        hasher.combine(documents)
        hasher.combine(minutes)
        hasher.combine(origin)
    }
}
