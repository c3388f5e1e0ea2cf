/// The action plan the site publishes.
public struct ActionPlan: Hashable, Sendable {
    public let id: String
    public let title: String
    public let start: PlanDate
    public let end: PlanDate
    public let url: Link?
}

/// `content/site.yaml`.
public struct SiteConfig: Hashable, Sendable {
    public let title: String
    /// Always ends with `/`.
    public let baseURL: String
    /// The host of `base_url`, for calendar UIDs and tag URIs (parsed once: URLComponents is slow).
    public let host: String
    /// The path of `base_url` without its slashes at either end: `plan`, or empty.
    public let basePath: String
    /// The first is the default language, published at the root.
    public let languages: [String]
    public let timezone: String
    public let member: String
    public let actionPlan: ActionPlan
    public let license: String
    public let contact: Link?
    public let publishAttendeeNames: Bool
    public let allowHTML: Bool

    public var defaultLanguage: String { languages.first ?? "en" }
}

/// A governance body of `content/bodies.yaml` (steering committee, technical committees).
public struct GovernanceBody: Hashable, Sendable {
    public let key: String
    public let name: String
    public let cadence: Cadence?
    public let members: [String]
}

/// Where a content item came from, and which languages it is written in.
public struct Origin: Hashable, Sendable {
    /// The default-language file, as printed in diagnostics.
    public let path: String
    /// Languages with a translation file (the default language is not listed).
    public let translations: Set<String>
    /// Fingerprint of the default file's and its translations' text: what the incremental build compares.
    public let fingerprint: UInt64

    /// One fingerprint of the files of several items: of what a part of the output shows.
    static func fingerprint(_ origins: [Origin]) -> UInt64 {
        var print = Fingerprint()
        for origin in origins { print.add(origin.fingerprint) }
        return print.value
    }
}

public struct Commitment: Hashable, Sendable {
    public let id: String
    public let title: Localized
    public let shortTitle: Localized?
    public let start: PlanDate
    public let end: PlanDate
    /// The first is the lead institution.
    public let institutions: [String]
    public let policyArea: String?
    public let sectors: [String]
    public let ogpValues: [OGPValue]
    public let initialReport: Link?
    public let ogpURL: Link?
    public let irm: IRMAssessment?
    public let draft: Bool
    public let member: String?
    /// Markdown description; its `##` headings become sections.
    public let description: MarkdownSource
    public let origin: Origin
    /// Sorted by number.
    public internal(set) var milestones: [Milestone]

    /// The URL segment: lower-case id.
    public var slug: String { id.lowercased() }
    public var lead: String? { institutions.first }
    public func navigationTitle(_ language: String) -> String { (shortTitle ?? title).text(language) }
}

public struct IRMAssessment: Hashable, Sendable {
    public let assessed: Day
    public let completion: IRMCompletion?
    public let didItOpenGovernment: IRMOpenGovernment?
    public let potentialResults: IRMPotential?
}

public struct StatusUpdate: Hashable, Sendable {
    public let date: Day
    public let status: MilestoneStatus
    public let summary: String
    public let evidence: [Link]
}

public struct Milestone: Hashable, Sendable {
    public var commitmentID: String { fields.commitmentID }
    public var number: Int { fields.number }
    /// The file name's slug (`3-guidance-notes.md` → `guidance-notes`).
    public var fileSlug: String { fields.fileSlug }
    public var title: Localized { fields.title }
    public var start: PlanDate { fields.start }
    public var end: PlanDate { fields.end }
    public var status: MilestoneStatus { fields.status }
    /// Explicit lead; see `Site.lead(of:)` for the default.
    public var lead: String? { fields.lead }
    /// As written (append-only history).
    public var updates: [StatusUpdate] { fields.updates }
    public var description: MarkdownSource { fields.description }
    public var origin: Origin { fields.origin }
    /// `KENMS0005-3`.
    public var id: String { fields.id }

    /// The values, held once and never changed: lists, pages and the build's caches pass milestones
    /// around by the thousand, and copying a dozen fields cost a retain and a release each (with the
    /// other copies, reference counting was a quarter of a rebuild after one edit).
    private let fields: Fields

    private final class Fields: Sendable {
        let commitmentID: String
        let number: Int
        let fileSlug: String
        let title: Localized
        let start: PlanDate
        let end: PlanDate
        let status: MilestoneStatus
        let lead: String?
        let updates: [StatusUpdate]
        let description: MarkdownSource
        let origin: Origin
        let id: String

        init(commitmentID: String, number: Int, fileSlug: String, title: Localized, start: PlanDate, end: PlanDate,
             status: MilestoneStatus, lead: String?, updates: [StatusUpdate], description: MarkdownSource, origin: Origin) {
            self.commitmentID = commitmentID
            self.number = number
            self.fileSlug = fileSlug
            self.title = title
            self.start = start
            self.end = end
            self.status = status
            self.lead = lead
            self.updates = updates
            self.description = description
            self.origin = origin
            id = "\(commitmentID)-\(number)"
        }
    }

    init(commitmentID: String, number: Int, fileSlug: String, title: Localized, start: PlanDate, end: PlanDate,
         status: MilestoneStatus, lead: String?, updates: [StatusUpdate], description: MarkdownSource, origin: Origin) {
        fields = Fields(commitmentID: commitmentID, number: number, fileSlug: fileSlug, title: title, start: start, end: end,
                        status: status, lead: lead, updates: updates, description: description, origin: origin)
    }

    /// Equal values, as for any struct (the same storage is a shortcut).
    public static func == (a: Milestone, b: Milestone) -> Bool {
        a.fields === b.fields || (a.commitmentID == b.commitmentID && a.number == b.number && a.fileSlug == b.fileSlug
            && a.title == b.title && a.start == b.start && a.end == b.end && a.status == b.status && a.lead == b.lead
            && a.updates == b.updates && a.description == b.description && a.origin == b.origin)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(commitmentID)
        hasher.combine(number)
        hasher.combine(fileSlug)
        hasher.combine(title)
        hasher.combine(start)
        hasher.combine(end)
        hasher.combine(status)
        hasher.combine(lead)
        hasher.combine(updates)
        hasher.combine(description)
        hasher.combine(origin)
    }
}

public struct Attendee: Hashable, Sendable {
    public let name: String?
    public let organisation: String
    public let sector: Sector
}

public struct ActionItem: Hashable, Sendable {
    public let text: String
    public let owner: String
    public let due: Day?
    public let status: ActionItemStatus
}

public struct MeetingDocument: Hashable, Sendable {
    public let title: String
    public let url: Link
}

public struct Note: Hashable, Sendable {
    public let slug: String
    public let title: Localized
    public let date: Day
    public let summary: Localized?
    public let authors: [String]
    public let commitmentIDs: [String]
    public let milestoneIDs: [String]
    public let tags: [String]
    public let body: MarkdownSource
    public let origin: Origin
}

/// A free page (About, Contact).
public struct Page: Hashable, Sendable {
    public let slug: String
    public let title: Localized
    public let menu: Int?
    public let body: MarkdownSource
    public let origin: Origin
}

/// The validated site: every cross-reference resolved, ready to render.
public struct Site: Sendable {
    public let config: SiteConfig
    /// The date "now" means for overdue, upcoming and derived statuses.
    public let asOf: Day
    /// Sorted by id; drafts only with `--drafts`. Set only by `replacingMilestones`, with `milestones`.
    public internal(set) var commitments: [Commitment]
    /// In bodies.yaml order.
    public let bodies: [GovernanceBody]
    /// Sorted by date, then slug.
    public let meetings: [Meeting]
    /// Newest first, then slug.
    public let notes: [Note]
    /// By menu order, then slug.
    public let pages: [Page]
    /// Paths under `content/files/`, sorted, copied verbatim to `files/`.
    public let files: [String]
    public let relations: Relations
    /// All milestones, by commitment id then number (stored: pages ask for it many times).
    public internal(set) var milestones: [Milestone]
    /// Every institution named as commitment institution or milestone lead, in the order people
    /// expect (`localizedStandardCompare`). Stored: that comparison is slow, and several pages ask.
    public let institutions: [String]

    init(config: SiteConfig, asOf: Day, commitments: [Commitment], bodies: [GovernanceBody], meetings: [Meeting],
         notes: [Note], pages: [Page], files: [String], relations: Relations) {
        self.config = config
        self.asOf = asOf
        self.commitments = commitments
        self.bodies = bodies
        self.meetings = meetings
        self.notes = notes
        self.pages = pages
        self.files = files
        self.relations = relations
        milestones = commitments.flatMap(\.milestones)
        var names = Set<String>()
        for commitment in commitments {
            names.formUnion(commitment.institutions)
            for milestone in commitment.milestones { if let lead = milestone.lead { names.insert(lead) } }
        }
        institutions = names.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }

    /// This site with the milestones at `places` replaced by those `commitments` hold there (the
    /// same ids; nothing else differs), as a rebuild patches its last model: the list of every
    /// milestone is patched, not made again, and the institutions are kept when no lead changed
    /// (sorting them is slow, see `institutions`).
    func replacingMilestones(_ commitments: [Commitment], at places: [(commitment: Int, milestone: Int)]) -> Site {
        var milestones = self.milestones
        var sameLeads = true
        for (c, m) in places {
            let place = self.commitments[..<c].reduce(0) { $0 + $1.milestones.count } + m
            let milestone = commitments[c].milestones[m]
            sameLeads = sameLeads && milestones[place].lead == milestone.lead
            milestones[place] = milestone
        }
        guard sameLeads else {
            return Site(config: config, asOf: asOf, commitments: commitments, bodies: bodies, meetings: meetings, notes: notes,
                        pages: pages, files: files, relations: relations)
        }
        var site = self
        site.commitments = commitments
        site.milestones = milestones
        return site
    }
}
