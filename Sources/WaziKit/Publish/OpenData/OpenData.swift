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
enum OpenData {
    /// Writes the data files into `sink` and returns what the data page and the catalogue offer.
    /// A table's two files: canonical, and for spreadsheets.
    static func tablePaths(_ table: DataTable) -> [String] { tablePaths(table.name) }

    static func tablePaths(_ name: String) -> [String] { ["data/\(name).csv", "data/excel/\(name).csv"] }

    /// Writes `data/wazi.json` (see `SiteJSON`) and returns its size: it needs nothing but the model
    /// and `records`, so a build starts it early, on a lane of its own.
    static func writeDocument(_ site: Site, to sink: FileSink, log: DiagnosticLog, records: JSONRecords) -> Int {
        sink.stream("data/wazi.json") { SiteJSON.write(site, to: $0, log: log, records: records) }
    }

    /// `records`, `tables`: wazi.json's items and the tables from the previous build (see
    /// `JSONRecords`, `TableRecords`). `unchanged`: whether none of the items a table file shows
    /// changed since the previous build; `keep`: keeps the previous build's file at a path, as
    /// it is (see `Build.Reuse`), false when it cannot. `document`: wazi.json's size, when something
    /// else writes it (see `writeDocument`); else it is written here, after the tables.
    /// `threads`: how many tables are made at once (each is held until written).
    static func write(_ site: Site, to sink: FileSink, log: DiagnosticLog, records: JSONRecords = JSONRecords(),
                      tables: TableRecords = TableRecords(), document: (() -> Int)? = nil, threads: Int = 1,
                      unchanged: @Sendable (String) -> Bool = { _ in false },
                      keep: @Sendable (String) -> Bool = { _ in false }) -> [Download] {
        let csvFormat = "http://publications.europa.eu/resource/authority/file-type/CSV"
        let jsonFormat = "http://publications.europa.eu/resource/authority/file-type/JSON"
        var downloads: [Download] = []
        var canonical: [(table: DataTable, bytes: Int, sha256: String)] = []
        let made = parallelMap(site.dataTables, threads: threads) { table -> (bytes: Int, excel: Int, sha256: String) in
            let paths = tablePaths(table)
            var encoded = tables.encode(table, site: site, unchanged: paths.allSatisfy(unchanged))
            if case .kept = encoded, !paths.allSatisfy(keep) {
                encoded = tables.encode(table, site: site, unchanged: false)
            }
            switch encoded {
            case .kept(let canonical, let spreadsheet, let sha256):
                return (canonical, spreadsheet, sha256)
            case .made(let canonical, let spreadsheet, let sha256, let same):
                // The same as the site in place's files: those, as they are; else new files, not
                // compared with them again.
                for (path, bytes) in zip(paths, [canonical, spreadsheet]) where !(same == true && sink.keep(path, size: bytes.count)) {
                    sink.write(OutputFile(path: path, bytes: bytes), changed: same == false)
                }
                return (canonical.count, spreadsheet.count, sha256)
            }
        }
        for (table, (bytes, excel, sha256)) in zip(site.dataTables, made) {
            canonical.append((table, bytes, sha256))
            downloads.append(Download(path: "data/\(table.name).csv", title: table.title, description: table.description,
                                      bytes: bytes, mediaType: "text/csv", formatURI: csvFormat,
                                      conformsTo: "https://www.rfc-editor.org/rfc/rfc4180", table: table.name, format: "CSV"))
            downloads.append(Download(path: "data/excel/\(table.name).csv", title: table.title + " (for spreadsheets)",
                                      description: table.description + " With a byte-order mark, and cells that could start a formula prefixed with '.",
                                      bytes: excel, mediaType: "text/csv", formatURI: csvFormat, conformsTo: nil,
                                      table: table.name, format: "CSV (Excel)"))
        }
        downloads.append(Download(path: "data/wazi.json", title: "All open data (JSON)",
                                  description: "Everything, nested by commitment, with meetings, notes and translations.",
                                  bytes: document?() ?? writeDocument(site, to: sink, log: log, records: records), mediaType: "application/json", formatURI: jsonFormat,
                                  conformsTo: site.config.baseURL + "data/schema/wazi.schema.json", table: nil, format: "JSON"))
        let described: [(String, String, String, JSONValue, String)] = [
            ("data/datapackage.json", "Data Package", "Frictionless Data Package describing the CSV files: types, keys, licence.",
             DataPackage.document(site, tables: canonical), "https://datapackage.org/standard/data-package/"),
            ("data/schema/wazi.schema.json", "JSON Schema of wazi.json", "JSON Schema 2020-12 of the JSON file.",
             SiteJSONSchema.document(site), "https://json-schema.org/draft/2020-12/schema"),
        ]
        for (path, title, description, json, conformsTo) in described {
            let bytes = json.bytes
            sink.write(OutputFile(path: path, bytes: bytes))
            downloads.append(Download(path: path, title: title, description: description, bytes: bytes.count,
                                      mediaType: "application/json", formatURI: jsonFormat,
                                      conformsTo: conformsTo, table: nil, format: "JSON"))
        }
        let catalog = Catalog.document(site, downloads: downloads).bytes
        sink.write(OutputFile(path: "data/catalog.jsonld", bytes: catalog))
        downloads.append(Download(path: "data/catalog.jsonld", title: "DCAT-AP catalogue",
                                  description: "DCAT-AP 3 catalogue of these datasets, for data portals.", bytes: catalog.count,
                                  mediaType: "application/ld+json",
                                  formatURI: "http://publications.europa.eu/resource/authority/file-type/JSON_LD",
                                  conformsTo: "https://semiceu.github.io/DCAT-AP/releases/3.0.0/", table: nil, format: "JSON-LD"))
        return downloads
    }
}
