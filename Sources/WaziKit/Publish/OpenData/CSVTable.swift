import Foundation

/// CSV per SPEC §3: RFC 4180 with CRLF, UTF-8, a header of snake_case names.
enum CSVTable {
    /// Canonical: exact values, no BOM.
    static func canonical(_ table: DataTable, rows: [DataRow]) -> [UInt8] {
        encode(table, rows: rows, forSpreadsheets: false)
    }

    /// For spreadsheets: a BOM, and text cells that could start a formula get a leading `'`
    /// (OWASP CSV-injection guidance), so opening the file never runs one.
    static func spreadsheet(_ table: DataTable, rows: [DataRow]) -> [UInt8] {
        encode(table, rows: rows, forSpreadsheets: true)
    }

    private static func encode(_ table: DataTable, rows: [DataRow], forSpreadsheets: Bool) -> [UInt8] {
        var out = forSpreadsheets ? "\u{FEFF}" : ""
        out += table.columns.map { field($0.name) }.joined(separator: ",") + "\r\n"
        for row in rows {
            out += table.columns.map { column in
                var cell = (row[column.name] ?? .null).csv
                if forSpreadsheets, column.isText, let first = cell.unicodeScalars.first,
                   ["=", "+", "-", "@", "\t", "\r", "\n"].contains(first) {
                    cell = "'" + cell
                }
                return field(cell)
            }.joined(separator: ",") + "\r\n"
        }
        return Array(out.utf8)
    }

    /// Quotes a field when it holds a comma, quote or line break; doubles inner quotes.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
