/// A file offered for download on the data page and in the catalogue.
public struct Download: Sendable, Equatable {
    /// Path under the site root, e.g. `data/milestones.csv`.
    public let path: String
    public let title: String
    public let description: String
    public let bytes: Int
    public let mediaType: String
    /// The EU vocabulary URI of the file type.
    public let formatURI: String
    public let conformsTo: String?
    /// The table it holds, nil for the files that hold everything.
    public let table: String?
    /// Short format label: `CSV`, `CSV (Excel)`, `JSON`.
    public let format: String
}

/// Model → open data: every machine-readable file of SPEC §3 under `data/`, from encoders, never templates.
public enum OpenData {
    public struct Output: Sendable {
        public let files: [OutputFile]
        public let downloads: [Download]
    }

    public static func render(_ site: Site) -> Output {
        let csvFormat = "http://publications.europa.eu/resource/authority/file-type/CSV"
        var files: [OutputFile] = []
        var downloads: [Download] = []
        var canonical: [(DataTable, [UInt8])] = []
        for table in site.dataTables {
            let rows = site.rows(table)
            let bytes = CSVTable.canonical(table, rows: rows)
            canonical.append((table, bytes))
            files.append(OutputFile(path: "data/\(table.name).csv", bytes: bytes))
            downloads.append(Download(path: "data/\(table.name).csv", title: table.title, description: table.description,
                                      bytes: bytes.count, mediaType: "text/csv", formatURI: csvFormat,
                                      conformsTo: "https://www.rfc-editor.org/rfc/rfc4180", table: table.name, format: "CSV"))
            let excel = CSVTable.spreadsheet(table, rows: rows)
            files.append(OutputFile(path: "data/excel/\(table.name).csv", bytes: excel))
            downloads.append(Download(path: "data/excel/\(table.name).csv", title: table.title + " (for spreadsheets)",
                                      description: table.description + " With a byte-order mark, and cells that could start a formula prefixed with '.",
                                      bytes: excel.count, mediaType: "text/csv", formatURI: csvFormat, conformsTo: nil,
                                      table: table.name, format: "CSV (Excel)"))
        }
        let whole: [(String, String, String, JSONValue, String)] = [
            ("data/wazi.json", "All open data (JSON)", "Everything, nested by commitment, with meetings, notes and translations.",
             SiteJSON.document(site), site.config.baseURL + "data/schema/wazi.schema.json"),
            ("data/datapackage.json", "Data Package", "Frictionless Data Package describing the CSV files: types, keys, licence.",
             DataPackage.document(site, tables: canonical), "https://datapackage.org/standard/data-package/"),
            ("data/schema/wazi.schema.json", "JSON Schema of wazi.json", "JSON Schema 2020-12 of the JSON file.",
             SiteJSONSchema.document(site), "https://json-schema.org/draft/2020-12/schema"),
        ]
        for (path, title, description, json, conformsTo) in whole {
            let bytes = json.bytes
            files.append(OutputFile(path: path, bytes: bytes))
            downloads.append(Download(path: path, title: title, description: description, bytes: bytes.count,
                                      mediaType: "application/json",
                                      formatURI: "http://publications.europa.eu/resource/authority/file-type/JSON",
                                      conformsTo: conformsTo, table: nil, format: "JSON"))
        }
        let catalog = Catalog.document(site, downloads: downloads).bytes
        files.append(OutputFile(path: "data/catalog.jsonld", bytes: catalog))
        downloads.append(Download(path: "data/catalog.jsonld", title: "DCAT-AP catalogue",
                                  description: "DCAT-AP 3 catalogue of these datasets, for data portals.", bytes: catalog.count,
                                  mediaType: "application/ld+json",
                                  formatURI: "http://publications.europa.eu/resource/authority/file-type/JSON_LD",
                                  conformsTo: "https://semiceu.github.io/DCAT-AP/releases/3.0.0/", table: nil, format: "JSON-LD"))
        return Output(files: files, downloads: downloads)
    }
}
