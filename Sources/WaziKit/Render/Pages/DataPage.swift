/// The open-data page: downloads with sizes and licence, and a data dictionary of every column,
/// generated from the same table definitions as the files.
struct DownloadRow: Encodable { let title: String; let href: String; let path: String; let format: String; let size: String; let description: String }

struct ColumnDoc: Encodable { let name: String; let type: String; let meaning: String; let allowed: String; let hasAllowed: Bool; let required: Bool }

struct TableDoc: Encodable {
    let name: String
    let title: String
    let description: String
    let anchor: String
    let primaryKey: String
    let columns: [ColumnDoc]
}

struct DataContent: Encodable {
    let heading: String
    let intro: String
    let licenseText: String
    let licenseHref: String
    let tableDownloads: [DownloadRow]
    let otherDownloads: [DownloadRow]
    let tables: [TableDoc]
    /// The dictionary is written in English (the schema's language).
    let dictionaryLang: String
}

extension PageContext {
    func dataPage(_ downloads: [Download]) -> (Chrome, DataContent) {
        func row(_ d: Download) -> DownloadRow {
            DownloadRow(title: d.title, href: resource(d.path), path: d.path, format: d.format, size: size(d.bytes),
                        description: d.description)
        }
        let tables = site.dataTables.map { table in
            TableDoc(name: table.name, title: table.title, description: table.description, anchor: "table-" + table.name,
                     primaryKey: table.primaryKey.joined(separator: ", "),
                     columns: table.columns.map { column in
                         ColumnDoc(name: column.name, type: column.kind.rawValue, meaning: column.description,
                                   allowed: column.allowed.joined(separator: ", "), hasAllowed: !column.allowed.isEmpty,
                                   required: column.required)
                     })
        }
        let heading = t("data_heading")
        let content = DataContent(
            heading: heading, intro: t("data_intro", ["date": date(site.asOf)]),
            licenseText: t("data_license", ["license": site.config.license]),
            licenseHref: License.url(site.config.license),
            tableDownloads: downloads.filter { $0.table != nil }.map(row),
            otherDownloads: downloads.filter { $0.table == nil }.map(row),
            tables: tables, dictionaryLang: "en")
        return (chrome(title: heading, description: t("data_intro", ["date": date(site.asOf)]),
                       crumbs: [LinkItem(label: heading, href: href(Routes.data))],
                       structuredData: dataStructuredData(downloads)), content)
    }

    /// `12.3 KB`, `845 B`: sizes people can read, with the language's decimal sign.
    func size(_ bytes: Int) -> String {
        if bytes < 1000 { return t("size_bytes", ["n": String(bytes)]) }
        let kb = Double(bytes) / 1000
        let text = kb < 100 ? DataValue.decimal((kb * 10).rounded() / 10) : String(Int(kb.rounded()))
        let unit = kb < 1000 ? "size_kb" : "size_mb"
        let value = kb < 1000 ? text : DataValue.decimal(((kb / 1000) * 10).rounded() / 10)
        return t(unit, ["n": value.replacingOccurrences(of: ".", with: t("decimal_separator"))])
    }
}
