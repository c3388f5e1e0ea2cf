/// `data/datapackage.json`: a Frictionless Data Package v2 with a Table Schema per canonical CSV.
enum DataPackage {
    /// `tables`: each canonical CSV's table, size and SHA-256 (hex).
    static func document(_ site: Site, tables: [(table: DataTable, bytes: Int, sha256: String)]) -> JSONValue {
        let config = site.config
        let resources = tables.map { table, bytes, sha256 -> JSONValue in
            .object([
                "name": .string(table.name),
                "title": .string(table.title),
                "description": .string(table.description),
                "path": .string(table.name + ".csv"),
                "type": .string("table"),
                "scheme": .string("file"),
                "format": .string("csv"),
                "mediatype": .string("text/csv"),
                "encoding": .string("utf-8"),
                "bytes": .int(bytes),
                "hash": .string("sha256:" + sha256),
                "dialect": .object([
                    "$schema": .string("https://datapackage.org/profiles/2.0/tabledialect.json"),
                    "header": .bool(true), "delimiter": .string(","), "lineTerminator": .string("\r\n"),
                    "quoteChar": .string("\""), "doubleQuote": .bool(true),
                ]),
                "schema": tableSchema(table),
            ])
        }
        return .object([
            "$schema": .string("https://datapackage.org/profiles/2.0/datapackage.json"),
            "name": .string(packageName(config)),
            "title": .string(config.title),
            "description": .string("Open data of \(config.actionPlan.title) (\(config.member)): commitments, milestones, status updates, meetings, action items and policy notes, as of \(site.asOf.iso)."),
            "homepage": .string(config.baseURL),
            "version": .string(site.asOf.iso),
            "created": .string(site.asOf.iso + "T00:00:00Z"),
            "keywords": .array(["open government", "OGP", "action plan", "commitments", "milestones"].map(JSONValue.string)),
            "licenses": .array([License.json(config.license)]),
            "contributors": .array([.object(["title": .string(config.member), "roles": .array([.string("publisher")])])]),
            "resources": .array(resources),
        ])
    }

    static func packageName(_ config: SiteConfig) -> String {
        let slug = Routes.slugify(config.actionPlan.id)
        return slug.isEmpty ? "wazi-open-data" : slug
    }

    static func tableSchema(_ table: DataTable) -> JSONValue {
        var schema: [String: JSONValue] = [
            "$schema": .string("https://datapackage.org/profiles/2.0/tableschema.json"),
            "fields": .array(table.columns.map(field)),
            "primaryKey": .array(table.primaryKey.map(JSONValue.string)),
            "missingValues": .array([.string("")]),
        ]
        if !table.foreignKeys.isEmpty {
            schema["foreignKeys"] = .array(table.foreignKeys.map { key in
                .object([
                    "fields": .array(key.fields.map(JSONValue.string)),
                    "reference": .object(["resource": .string(key.table),
                                          "fields": .array(key.referencedFields.map(JSONValue.string))]),
                ])
            })
        }
        return .object(schema)
    }

    private static func field(_ column: DataColumn) -> JSONValue {
        var field: [String: JSONValue] = ["name": .string(column.name), "description": .string(column.description)]
        var constraints: [String: JSONValue] = [:]
        switch column.kind {
        case .string, .list: field["type"] = .string("string")
        case .integer: field["type"] = .string("integer")
        case .number: field["type"] = .string("number")
        case .date: field["type"] = .string("date")
        case .boolean:
            field["type"] = .string("boolean")
            field["trueValues"] = .array([.string("true")])
            field["falseValues"] = .array([.string("false")])
        }
        if column.kind == .list {
            field["description"] = .string(column.description + " Several values are joined with '; '.")
            if !column.allowed.isEmpty {
                let one = "(" + column.allowed.joined(separator: "|") + ")"
                constraints["pattern"] = .string("^(\(one)(; \(one))*)?$")
            }
        } else if !column.allowed.isEmpty {
            constraints["enum"] = .array(column.allowed.map(JSONValue.string))
        }
        if let pattern = column.pattern { constraints["pattern"] = .string(pattern) }
        if column.required { constraints["required"] = .bool(true) }
        if let minimum = column.minimum {
            constraints["minimum"] = column.kind == .integer ? .int(Int(minimum)) : .number(DataValue.decimal(minimum))
        }
        if let maximum = column.maximum {
            constraints["maximum"] = column.kind == .integer ? .int(Int(maximum)) : .number(DataValue.decimal(maximum))
        }
        if !constraints.isEmpty { field["constraints"] = .object(constraints) }
        return .object(field)
    }
}

/// SPDX licence ids and where they are published.
enum License {
    static let known: [String: (title: String, url: String)] = [
        "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        "CC-BY-SA-4.0": ("Creative Commons Attribution Share-Alike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
        "ODC-BY-1.0": ("Open Data Commons Attribution License 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
        "ODbL-1.0": ("Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
        "PDDL-1.0": ("Open Data Commons Public Domain Dedication and License 1.0", "https://opendatacommons.org/licenses/pddl/1-0/"),
        "OGL-UK-3.0": ("Open Government Licence 3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
    ]

    static func url(_ id: String) -> String { known[id]?.url ?? "https://spdx.org/licenses/\(id).html" }

    static func json(_ id: String) -> JSONValue {
        .object(["name": .string(id), "path": .string(url(id)), "title": .string(known[id]?.title ?? id)])
    }
}
