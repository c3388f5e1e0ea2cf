/// `data/wazi.json`: everything, nested by commitment, with meetings, notes and the translations
/// of text fields. Entity objects carry exactly their table's columns, so CSV and JSON agree.
/// The items are written straight to bytes by `SiteJSONItem`.
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
        let item = SiteJSONItem(site: site, log: log)
        func items(_ kind: String, _ keys: [String], _ shows: [[Origin]], _ encode: @escaping (Int) -> [UInt8]) -> JSONValue.LargeArray {
            let prints = shows.map(Origin.fingerprint)
            return JSONValue.LargeArray(count: keys.count, element: { index, out in
                out += encode(index)
            }, placed: { index, bytes in
                records.place(kind + keys[index], fingerprint: prints[index], at: bytes)
            }, previous: records.previousDocument(kind, keys: keys, prints: prints))
        }
        // Written one item at a time: the whole document, held, was most of a large build's memory.
        JSONValue.writeObject(members, large: [
            // A commitment's item holds its milestones.
            "commitments": items("commitment:", site.commitments.map(\.id),
                                 site.commitments.map { [$0.origin] + $0.milestones.map(\.origin) }) {
                item.commitment(site.commitments[$0])
            },
            "meetings": items("meeting:", site.meetings.map(\.slug), site.meetings.map { [$0.origin] }) {
                item.meeting(site.meetings[$0])
            },
            "notes": items("note:", site.notes.map(\.slug), site.notes.map { [$0.origin] }) { item.note(site.notes[$0]) },
        ], to: stream)
    }
}
