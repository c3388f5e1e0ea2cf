/// `data/wazi.json`: everything, nested by commitment, with meetings, notes and the translations
/// of text fields. Entity objects carry exactly their table's columns, so CSV and JSON agree.
enum SiteJSON {
    /// `records` gives items the previous build wrote, and learns where this build's go.
    static func write(_ site: Site, to stream: ByteStream, log: DiagnosticLog, records: JSONRecords = JSONRecords()) {
        let config = site.config
        let members: [String: JSONValue] = [
            "$schema": .string(config.baseURL + "data/schema/wazi.schema.json"),
            "as_of": .string(site.asOf.iso),
            "generator": .object(["name": .string("wazi"), "version": .string(Wazi.version)]),
            "site": .object([
                "title": .string(config.title), "base_url": .string(config.baseURL), "member": .string(config.member),
                "languages": .array(config.languages.map(JSONValue.string)),
                "default_language": .string(config.defaultLanguage), "timezone": .string(config.timezone),
                "license": .string(config.license), "contact": .optional(config.contact.map(site.absoluteURL)),
                "action_plan": .object([
                    "id": .string(config.actionPlan.id), "title": .string(config.actionPlan.title),
                    "start": .string(config.actionPlan.start.iso), "end": .string(config.actionPlan.end.iso),
                    "url": .optional(config.actionPlan.url.map(site.absoluteURL)),
                ]),
            ]),
            "bodies": .array(site.bodies.map { body in
                .object(["key": .string(body.key), "name": .string(body.name),
                         "cadence": .optional(body.cadence?.rawValue),
                         "members": .array(body.members.map(JSONValue.string))])
            }),
        ]
        func items(_ kind: String, _ keys: [String], _ shows: [[Origin]], _ encode: @escaping (Int) -> JSONValue) -> JSONValue.LargeArray {
            let prints = shows.map(Origin.fingerprint)
            return JSONValue.LargeArray(count: keys.count, element: { index in
                records.bytes(kind + keys[index], fingerprint: prints[index]) { encode(index) }
            }, placed: { index, bytes in
                records.place(kind + keys[index], fingerprint: prints[index], at: bytes)
            })
        }
        // Written one item at a time: the whole document, held, was most of a large build's memory.
        JSONValue.writeObject(members, large: [
            // A commitment's item holds its milestones.
            "commitments": items("commitment:", site.commitments.map(\.id),
                                 site.commitments.map { [$0.origin] + $0.milestones.map(\.origin) }) {
                commitment(site.commitments[$0], site, log)
            },
            "meetings": items("meeting:", site.meetings.map(\.slug), site.meetings.map { [$0.origin] }) {
                meeting(site.meetings[$0], site, log)
            },
            "notes": items("note:", site.notes.map(\.slug), site.notes.map { [$0.origin] }) { note(site.notes[$0], site, log) },
        ], to: stream)
    }

    private static func object(_ row: DataRow, _ extra: [String: JSONValue]) -> JSONValue {
        var members = row.mapValues(JSONValue.init)
        members.merge(extra) { _, new in new }
        return .object(members)
    }

    /// One entry per non-default language: the translated text fields (null when not set), or null.
    /// `body` is the Markdown field's name and source, read once per language.
    private static func translations(_ site: Site, _ origin: Origin, _ fields: [String: Localized?],
                                     body: (String, MarkdownSource), _ log: DiagnosticLog) -> JSONValue {
        var out: [String: JSONValue] = [:]
        for language in site.config.languages.dropFirst() {
            guard origin.translations.contains(language) else {
                out[language] = .null
                continue
            }
            var members = fields.mapValues { localized in
                localized.flatMap { $0.translations[language] }.map(JSONValue.string) ?? .null
            }
            members[body.0] = .optional(utf8: body.1.translationUTF8(language, log: log))
            out[language] = .object(members)
        }
        return .object(out)
    }

    private static func commitment(_ c: Commitment, _ site: Site, _ log: DiagnosticLog) -> JSONValue {
        object(site.row(c), [
            "description": .utf8(c.description.baseUTF8(log: log)),
            "translations": translations(site, c.origin, ["title": c.title, "short_title": c.shortTitle],
                                         body: ("description", c.description), log),
            "milestones": .array(c.milestones.map { m in
                object(site.row(m), [
                    "description": .utf8(m.description.baseUTF8(log: log)),
                    "translations": translations(site, m.origin, ["title": m.title], body: ("description", m.description), log),
                    "updates": .array(site.updateRows(m).map { object($0, [:]) }),
                ])
            }),
        ])
    }

    private static func meeting(_ m: Meeting, _ site: Site, _ log: DiagnosticLog) -> JSONValue {
        object(site.row(m), [
            "minutes": .utf8(m.minutes.baseUTF8(log: log)),
            "translations": translations(site, m.origin, ["title": m.title], body: ("minutes", m.minutes), log),
            "attendees": .array(m.attendees.map { a in
                .object(["name": site.config.publishAttendeeNames ? .optional(a.name) : .null,
                         "organisation": .string(a.organisation), "sector": .string(a.sector.rawValue)])
            }),
            "decisions": .array(m.decisions.map(JSONValue.string)),
            "action_items": .array(site.actionItemRows(m).map { object($0, [:]) }),
            "documents": .array(m.documents.map { .object(["title": .string($0.title), "url": .string(site.absoluteURL($0.url))]) }),
        ])
    }

    private static func note(_ n: Note, _ site: Site, _ log: DiagnosticLog) -> JSONValue {
        object(site.row(n), [
            "body": .utf8(n.body.baseUTF8(log: log)),
            "translations": translations(site, n.origin, ["title": n.title, "summary": n.summary], body: ("body", n.body), log),
        ])
    }
}
