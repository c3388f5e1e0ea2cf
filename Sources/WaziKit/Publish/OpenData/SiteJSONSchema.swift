/// `data/schema/wazi.schema.json`: JSON Schema 2020-12 of `wazi.json`, in one self-contained
/// file, generated from the same table definitions as the CSV files.
enum SiteJSONSchema {
    static func document(_ site: Site) -> JSONValue {
        let tables = Dictionary(uniqueKeysWithValues: site.dataTables.map { ($0.name, $0) })
        func entity(_ name: String, _ extra: [String: JSONValue]) -> JSONValue {
            guard let table = tables[name] else { return .object([:]) }
            var properties = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, property($0)) })
            properties.merge(extra) { _, new in new }
            return closed(properties, description: table.description)
        }
        let text: JSONValue = .object(["type": .string("string")])
        let optionalText: JSONValue = .object(["type": .array([.string("string"), .string("null")])])
        let strings: JSONValue = .object(["type": .string("array"), "items": text])
        let defs: [String: JSONValue] = [
            "update": entity("milestone_updates", [:]),
            "action_item": entity("action_items", [:]),
            "milestone": entity("milestones", [
                "description": text,
                "translations": translations(["title", "description"]),
                "updates": array("#/$defs/update"),
            ]),
            "commitment": entity("commitments", [
                "description": text,
                "translations": translations(["title", "short_title", "description"]),
                "milestones": array("#/$defs/milestone"),
            ]),
            "meeting": entity("meetings", [
                "minutes": text,
                "translations": translations(["title", "minutes"]),
                "attendees": .object(["type": .string("array"), "items": closed([
                    "name": optionalText, "organisation": text,
                    "sector": .object(["enum": .array(Sector.allCases.map { .string($0.rawValue) })]),
                ], description: "An attendee; the name only when the site publishes names.")]),
                "decisions": strings,
                "action_items": array("#/$defs/action_item"),
                "documents": .object(["type": .string("array"), "items": closed(["title": text, "url": text], description: "A document.")]),
            ]),
            "note": entity("notes", [
                "body": text,
                "translations": translations(["title", "summary", "body"]),
            ]),
            "body": closed([
                "key": text, "name": text,
                "cadence": .object(["enum": .array(Cadence.allCases.map { .string($0.rawValue) } + [.null])]),
                "members": strings,
            ], description: "A governance body."),
        ]
        var root = closed([
            "$schema": text,
            "as_of": .object(["type": .string("string"), "format": .string("date")]),
            "generator": closed(["name": text, "version": text], description: "The program that wrote the file."),
            "site": closed([
                "title": text, "base_url": .object(["type": .string("string"), "format": .string("uri")]), "member": text,
                "languages": strings, "default_language": text, "timezone": text, "license": text, "contact": optionalText,
                "action_plan": closed(["id": text, "title": text, "start": text, "end": text, "url": optionalText],
                                      description: "The action plan."),
            ], description: "The site and its action plan."),
            "bodies": array("#/$defs/body"),
            "commitments": array("#/$defs/commitment"),
            "meetings": array("#/$defs/meeting"),
            "notes": array("#/$defs/note"),
        ], description: "Open data of an open government action plan, written by wazi.")
        guard case var .object(members) = root else { return root }
        members["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
        members["$id"] = .string(site.config.baseURL + "data/schema/wazi.schema.json")
        members["title"] = .string("wazi open data")
        members["$defs"] = .object(defs)
        root = .object(members)
        return root
    }

    /// An object whose every property is required and no other is allowed.
    private static func closed(_ properties: [String: JSONValue], description: String) -> JSONValue {
        .object([
            "type": .string("object"),
            "description": .string(description),
            "properties": .object(properties),
            "required": .array(properties.keys.sorted().map(JSONValue.string)),
            "additionalProperties": .bool(false),
        ])
    }

    private static func array(_ ref: String) -> JSONValue {
        .object(["type": .string("array"), "items": .object(["$ref": .string(ref)])])
    }

    /// Per language: null (not translated) or the translated fields, each text or null.
    private static func translations(_ fields: [String]) -> JSONValue {
        let optionalText: JSONValue = .object(["type": .array([.string("string"), .string("null")])])
        return .object([
            "type": .string("object"),
            "description": .string("Translations by language code; null where the item is not translated."),
            "additionalProperties": .object(["anyOf": .array([
                .object(["type": .string("null")]),
                closed(Dictionary(uniqueKeysWithValues: fields.map { ($0, optionalText) }), description: "Translated text fields."),
            ])]),
        ])
    }

    private static func property(_ column: DataColumn) -> JSONValue {
        var schema: [String: JSONValue] = ["description": .string(column.description)]
        func type(_ name: String) -> JSONValue {
            column.required ? .string(name) : .array([.string(name), .string("null")])
        }
        switch column.kind {
        case .string:
            schema["type"] = type("string")
            if !column.allowed.isEmpty {
                schema["enum"] = .array(column.allowed.map(JSONValue.string) + (column.required ? [] : [.null]))
            }
            if let pattern = column.pattern { schema["pattern"] = .string(pattern) }
        case .date:
            schema["type"] = type("string")
            schema["format"] = .string("date")
            schema["pattern"] = .string(#"^\d{4}-\d{2}-\d{2}$"#)
        case .integer:
            schema["type"] = type("integer")
        case .number:
            schema["type"] = type("number")
        case .boolean:
            schema["type"] = type("boolean")
        case .list:
            schema["type"] = .string("array")
            var items: [String: JSONValue] = ["type": .string("string")]
            if !column.allowed.isEmpty { items["enum"] = .array(column.allowed.map(JSONValue.string)) }
            schema["items"] = .object(items)
        }
        if let minimum = column.minimum, column.kind == .integer || column.kind == .number {
            schema["minimum"] = column.kind == .integer ? .int(Int(minimum)) : .number(DataValue.decimal(minimum))
        }
        if let maximum = column.maximum, column.kind == .number {
            schema["maximum"] = .number(DataValue.decimal(maximum))
        }
        return .object(schema)
    }
}
