/// `data/catalog.jsonld`: a DCAT-AP 3 catalogue of the datasets, for data portals such as CKAN.
enum Catalog {
    static func document(_ site: Site, downloads: [Download]) -> JSONValue {
        let config = site.config
        let base = config.baseURL
        let license: JSONValue = .object(["@id": .string(License.url(config.license)), "@type": .string("dct:LicenseDocument")])
        let publisher: JSONValue = .object(["@type": .string("foaf:Agent"), "foaf:name": .string(config.member)])
        func distribution(_ download: Download) -> JSONValue {
            var members: [String: JSONValue] = [
                "@id": .string(base + download.path + "#distribution"),
                "@type": .string("dcat:Distribution"),
                "dct:title": .string(download.title),
                "dct:description": .string(download.description),
                "dcat:accessURL": .object(["@id": .string(base + "data/")]),
                "dcat:downloadURL": .object(["@id": .string(base + download.path)]),
                "dcat:mediaType": .object(["@id": .string("https://www.iana.org/assignments/media-types/" + download.mediaType)]),
                "dct:format": .object(["@id": .string(download.formatURI)]),
                "dcat:byteSize": .object(["@value": .string(String(download.bytes)), "@type": .string("xsd:nonNegativeInteger")]),
                "dct:license": license,
            ]
            if let conformsTo = download.conformsTo { members["dct:conformsTo"] = .object(["@id": .string(conformsTo)]) }
            return .object(members)
        }
        let modified: JSONValue = .object(["@value": .string(site.asOf.iso), "@type": .string("xsd:date")])
        let datasets = site.dataTables.map { table -> JSONValue in
            let files = downloads.filter { $0.table == table.name }
            return .object([
                "@id": .string(base + "data/#" + table.name),
                "@type": .string("dcat:Dataset"),
                "dct:identifier": .string(config.actionPlan.id + "/" + table.name),
                "dct:title": .string(table.title + " – " + config.actionPlan.title),
                "dct:description": .string(table.description),
                "dct:publisher": publisher,
                "dct:modified": modified,
                "dct:license": license,
                "dcat:keyword": .array(["open government", "OGP", table.name.replacingOccurrences(of: "_", with: " ")].map(JSONValue.string)),
                "dcat:landingPage": .object(["@id": .string(base + "data/")]),
                "dcat:distribution": .array(files.map(distribution)),
            ])
        }
        let whole = downloads.filter { $0.table == nil }
        let complete: JSONValue = .object([
            "@id": .string(base + "data/#all"),
            "@type": .string("dcat:Dataset"),
            "dct:identifier": .string(config.actionPlan.id),
            "dct:title": .string(config.actionPlan.title + " – all open data"),
            "dct:description": .string("Every table as one JSON document, and the Frictionless Data Package describing the CSV files."),
            "dct:publisher": publisher,
            "dct:modified": modified,
            "dct:license": license,
            "dcat:keyword": .array(["open government", "OGP", "action plan"].map(JSONValue.string)),
            "dcat:landingPage": .object(["@id": .string(base + "data/")]),
            "dcat:distribution": .array(whole.map(distribution)),
        ])
        return .object([
            "@context": .object([
                "dcat": .string("http://www.w3.org/ns/dcat#"),
                "dct": .string("http://purl.org/dc/terms/"),
                "foaf": .string("http://xmlns.com/foaf/0.1/"),
                "xsd": .string("http://www.w3.org/2001/XMLSchema#"),
            ]),
            "@id": .string(base + "data/catalog.jsonld"),
            "@type": .string("dcat:Catalog"),
            "dct:title": .string(config.title),
            "dct:description": .string("Open data of \(config.actionPlan.title), published by \(config.member)."),
            "dct:publisher": publisher,
            "dct:license": license,
            "dct:modified": modified,
            "foaf:homepage": .object(["@id": .string(base)]),
            "dcat:dataset": .array(datasets + [complete]),
        ])
    }
}
