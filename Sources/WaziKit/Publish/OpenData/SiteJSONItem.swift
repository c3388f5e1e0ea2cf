/// wazi.json's items (a commitment with its milestones, a meeting, a note), each written straight
/// to its bytes at its depth in the document: an entity object carries exactly its table's columns,
/// so CSV and JSON agree, and what JSON adds (bodies, translations, nested lists).
struct SiteJSONItem {
    let site: Site
    let log: DiagnosticLog
    /// The keys of an item's translations: the languages besides the default.
    private let languages: JSONKeys<String>

    init(site: Site, log: DiagnosticLog) {
        self.site = site
        self.log = log
        languages = JSONKeys(names: site.config.languages.dropFirst())
    }

    func commitment(_ c: Commitment) -> [UInt8] {
        var w = JSONWriter(depth: 2)
        let row = site.row(c)
        w.object(Keys.commitment) { w, member in
            switch member {
            case let .column(name): w.value(row[name] ?? .null)
            case .added(.description): w.utf8(c.description.baseUTF8(log: log))
            case .added(.translations):
                translations(&w, c.origin, Keys.commitmentText) { w, text, language in
                    switch text {
                    case .title: w.string(c.title.translations[language])
                    case .shortTitle: w.string(c.shortTitle?.translations[language])
                    case .description: w.utf8(c.description.translationUTF8(language, log: log))
                    }
                }
            case .added(.milestones): w.array(c.milestones) { w, m in milestone(&w, m) }
            }
        }
        return w.bytes
    }

    private func milestone(_ w: inout JSONWriter, _ m: Milestone) {
        let row = site.row(m)
        w.object(Keys.milestone) { w, member in
            switch member {
            case let .column(name): w.value(row[name] ?? .null)
            case .added(.description): w.utf8(m.description.baseUTF8(log: log))
            case .added(.translations):
                translations(&w, m.origin, Keys.milestoneText) { w, text, language in
                    switch text {
                    case .title: w.string(m.title.translations[language])
                    case .description: w.utf8(m.description.translationUTF8(language, log: log))
                    }
                }
            case .added(.updates): w.array(site.updateRows(m)) { w, row in Self.row(&w, row, Keys.update) }
            }
        }
    }

    func meeting(_ m: Meeting) -> [UInt8] {
        var w = JSONWriter(depth: 2)
        let row = site.row(m)
        w.object(Keys.meeting) { w, member in
            switch member {
            case let .column(name): w.value(row[name] ?? .null)
            case .added(.minutes): w.utf8(m.minutes.baseUTF8(log: log))
            case .added(.translations):
                translations(&w, m.origin, Keys.meetingText) { w, text, language in
                    switch text {
                    case .title: w.string(m.title.translations[language])
                    case .minutes: w.utf8(m.minutes.translationUTF8(language, log: log))
                    }
                }
            case .added(.attendees):
                w.array(m.attendees) { w, attendee in
                    w.object(Keys.attendee) { w, member in
                        switch member {
                        case .name: w.string(site.config.publishAttendeeNames ? attendee.name : nil)
                        case .organisation: w.string(attendee.organisation)
                        case .sector: w.string(attendee.sector.rawValue)
                        }
                    }
                }
            case .added(.decisions): w.array(m.decisions) { $0.string($1) }
            case .added(.actionItems): w.array(site.actionItemRows(m)) { w, row in Self.row(&w, row, Keys.actionItem) }
            case .added(.documents):
                w.array(m.documents) { w, document in
                    w.object(Keys.document) { w, member in
                        switch member {
                        case .title: w.string(document.title)
                        case .url: w.string(site.absoluteURL(document.url))
                        }
                    }
                }
            }
        }
        return w.bytes
    }

    func note(_ n: Note) -> [UInt8] {
        var w = JSONWriter(depth: 2)
        let row = site.row(n)
        w.object(Keys.note) { w, member in
            switch member {
            case let .column(name): w.value(row[name] ?? .null)
            case .added(.body): w.utf8(n.body.baseUTF8(log: log))
            case .added(.translations):
                translations(&w, n.origin, Keys.noteText) { w, text, language in
                    switch text {
                    case .title: w.string(n.title.translations[language])
                    case .summary: w.string(n.summary?.translations[language])
                    case .body: w.utf8(n.body.translationUTF8(language, log: log))
                    }
                }
            }
        }
        return w.bytes
    }

    /// An entity with nothing added: its row.
    private static func row(_ w: inout JSONWriter, _ row: DataRow, _ columns: JSONKeys<String>) {
        w.object(columns) { w, name in w.value(row[name] ?? .null) }
    }

    /// One entry per non-default language: null without a translation file, else the translated
    /// text fields (null when not set) and the body as the translation file gives it.
    private func translations<Text>(_ w: inout JSONWriter, _ origin: Origin, _ keys: JSONKeys<Text>,
                                    _ text: (inout JSONWriter, Text, _ language: String) -> Void) {
        w.object(languages) { w, language in
            guard origin.translations.contains(language) else { return w.null() }
            w.object(keys) { w, key in text(&w, key, language) }
        }
    }
}

/// A member of an entity's object: a column of its table, or one JSON adds (which replaces a column of the same name).
private enum EntityMember<Added: Sendable>: Sendable {
    case column(String)
    case added(Added)
}

private extension JSONKeys {
    init<Added: RawRepresentable<String> & CaseIterable>(_ table: DataTable, adding _: Added.Type)
    where Member == EntityMember<Added> {
        var members = Dictionary(table.columns.map { ($0.name, Member.column($0.name)) }) { first, _ in first }
        for added in Added.allCases { members[added.rawValue] = .added(added) }
        self.init(members)
    }
}

/// Every object's keys, sorted once.
private enum Keys {
    enum Commitment: String, CaseIterable { case description, translations, milestones }
    enum CommitmentText: String, CaseIterable { case title, shortTitle = "short_title", description }
    enum Milestone: String, CaseIterable { case description, translations, updates }
    enum MilestoneText: String, CaseIterable { case title, description }
    enum Meeting: String, CaseIterable { case minutes, translations, attendees, decisions, actionItems = "action_items", documents }
    enum MeetingText: String, CaseIterable { case title, minutes }
    enum Attendee: String, CaseIterable { case name, organisation, sector }
    enum Document: String, CaseIterable { case title, url }
    enum Note: String, CaseIterable { case body, translations }
    enum NoteText: String, CaseIterable { case title, summary, body }

    static let commitment = JSONKeys(Site.commitmentsTable, adding: Commitment.self)
    static let commitmentText = JSONKeys<CommitmentText>()
    static let milestone = JSONKeys(Site.milestonesTable, adding: Milestone.self)
    static let milestoneText = JSONKeys<MilestoneText>()
    static let update = JSONKeys(names: Site.updatesTable.columns.map(\.name))
    static let meeting = JSONKeys(Site.meetingsTable, adding: Meeting.self)
    static let meetingText = JSONKeys<MeetingText>()
    static let attendee = JSONKeys<Attendee>()
    static let actionItem = JSONKeys(names: Site.actionItemsTable.columns.map(\.name))
    static let document = JSONKeys<Document>()
    static let note = JSONKeys(Site.notesTable, adding: Note.self)
    static let noteText = JSONKeys<NoteText>()
}
