import Foundation

/// CSV per SPEC §3: RFC 4180 with CRLF, UTF-8, a header of snake_case names.
enum CSVTable {
    /// Canonical: exact values, no BOM. For spreadsheets: a BOM, and text cells that could start a
    /// formula get a leading `'` (OWASP CSV-injection guidance), so opening the file never runs one.
    /// Both at once: each cell is formatted once.
    static func encode(_ table: DataTable, rows: [DataRow]) -> (canonical: [UInt8], spreadsheet: [UInt8]) {
        var (canonical, spreadsheet) = header(table)
        append(table, rows: rows, canonical: &canonical, spreadsheet: &spreadsheet)
        return (canonical, spreadsheet)
    }

    /// The header line of both files (the spreadsheet's after its BOM).
    static func header(_ table: DataTable) -> (canonical: [UInt8], spreadsheet: [UInt8]) {
        var canonical: [UInt8] = []
        for (i, column) in table.columns.enumerated() {
            if i > 0 { canonical.append(comma) }
            append(column.name, to: &canonical)
        }
        canonical += crlf
        return (canonical, [0xEF, 0xBB, 0xBF] + canonical)
    }

    /// Rows, each a line ending with CRLF, to both files: each cell is formatted once.
    static func append(_ table: DataTable, rows: [DataRow], canonical: inout [UInt8], spreadsheet: inout [UInt8]) {
        for row in rows {
            for (i, column) in table.columns.enumerated() {
                if i > 0 {
                    canonical.append(comma)
                    spreadsheet.append(comma)
                }
                let cell = (row[column.name] ?? .null).csv
                append(cell, to: &canonical)
                if column.isText, let first = cell.utf8.first, formulaStarts.contains(first) {
                    append("'" + cell, to: &spreadsheet)
                } else {
                    append(cell, to: &spreadsheet)
                }
            }
            canonical += crlf
            spreadsheet += crlf
        }
    }

    private static let comma = UInt8(ascii: ",")
    private static let crlf: [UInt8] = [0x0D, 0x0A]
    /// `=`, `+`, `-`, `@`, tab, CR, LF.
    private static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D, 0x0A]

    /// A field, quoted when it holds a comma, quote or line break, with inner quotes doubled.
    static func append(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.containsUTF8Byte { $0 == comma || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            out += text.utf8
            return
        }
        out.append(0x22)
        for byte in text.utf8 {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }
}
