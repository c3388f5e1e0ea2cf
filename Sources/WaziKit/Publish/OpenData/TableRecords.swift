import Foundation

/// The CSV tables' rows as the previous build wrote them, copied instead of made again while the
/// files they come from are unchanged, and each table's SHA-256 kept while its bytes are the same:
/// after one edit, making the tables of commitments, milestones and updates again, and hashing
/// them for the Data Package, was most of the data files' work.
///
/// An item's rows (a milestone's row, its updates' rows…) depend only on the files it shows (see
/// `Site.tableItems`) and on what the global fingerprint covers (the cache file is kept under it).
/// The cache file (`CacheFile`, kind `tables`) names the output folder it describes (as
/// `JSONRecords` does), then per table: its files' fingerprints, the canonical file's SHA-256, and
/// per item the fingerprint and the places of its rows in both files. Nothing is copied from
/// another folder or from files that are not the ones recorded, and copied rows must end a line.
final class TableRecords: @unchecked Sendable {
    struct Item {
        let fingerprint: UInt64
        let canonical: Range<Int>
        let spreadsheet: Range<Int>
    }

    struct Table {
        /// Of the files' bytes (see `fingerprint`): a table changed by hand is not copied from.
        var canonicalPrint: UInt64 = 0
        var spreadsheetPrint: UInt64 = 0
        var sha256 = ""
        var items: [String: Item] = [:]
    }

    /// A table's two files, and the canonical one's SHA-256 (`sha256:` in the Data Package).
    struct Encoded {
        let canonical: [UInt8]
        let spreadsheet: [UInt8]
        let sha256: String
    }

    private let output: String
    /// The global fingerprint the previous tables must have been made under; nil: none are used.
    private let global: String?
    /// Read when the first table is made (on the data files' lane, not while the build plans).
    private var previousTables: [String: Table]?
    private var made: [String: Table] = [:]
    private let lock = NSLock()
    /// Items whose rows were copied from the previous files.
    private(set) var reused = 0

    /// No previous tables: everything is made.
    init() {
        output = ""
        global = nil
    }

    /// The tables the last build with this global fingerprint wrote into `output`.
    init(output: String, global: String) {
        self.output = output
        self.global = global
    }

    private var previous: [String: Table] {
        lock.withLock {
            if let previousTables { return previousTables }
            let read = global.map { Self.read(output: output, global: $0) } ?? [:]
            previousTables = read
            return read
        }
    }

    private static func read(output: String, global: String) -> [String: Table] {
        var found: [String: Table] = [:]
        if var reader = CacheFile.read(output: output, kind: "tables", global: global),
           reader.text() == Publisher.identity(output) {
            while !reader.atEnd {
                guard let name = reader.text(), let canonicalPrint = reader.number(), let spreadsheetPrint = reader.number(),
                      let sha256 = reader.text(), sha256.utf8.count == 64, let count = reader.int() else {
                    return [:]
                }
                var table = Table(canonicalPrint: canonicalPrint, spreadsheetPrint: spreadsheetPrint, sha256: sha256)
                for _ in 0..<min(count, 1 << 24) {
                    guard let key = reader.text(), let fingerprint = reader.number(),
                          let canonical = Self.range(&reader), let spreadsheet = Self.range(&reader) else { break }
                    table.items[key] = Item(fingerprint: fingerprint, canonical: canonical, spreadsheet: spreadsheet)
                }
                guard table.items.count == count else { return [:] }
                found[name] = table
            }
        }
        return found
    }

    private static func range(_ reader: inout CacheFile.Reader) -> Range<Int>? {
        guard let start = reader.int(), let count = reader.int(), count <= Int.max - start else { return nil }
        return start..<start + count
    }

    /// Byte for byte, with memcmp (Array's == compares element by element).
    private static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { x in b.withUnsafeBytes { y in FileBytes.equal(x, y) } }
    }

    /// Of a file's bytes: two passes over it cost a fraction of its SHA-256.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { Fingerprint.fold(Fingerprint().value, $0) }
    }

    /// The table's files: `kept` (the previous build's, when none of the items it shows changed,
    /// see `Build.Reuse`) else made item by item, each item's rows copied from the previous files
    /// when its fingerprint is the same. The hash is computed only for bytes not hashed before.
    func encode(_ table: DataTable, site: Site, kept: (canonical: [UInt8], spreadsheet: [UInt8])?) -> Encoded {
        let old = previous[table.name].flatMap { before -> Old? in
            guard let files = kept ?? readFiles(table), Self.fingerprint(files.canonical) == before.canonicalPrint,
                  Self.fingerprint(files.spreadsheet) == before.spreadsheetPrint else { return nil }
            return Old(table: before, canonical: files.canonical, spreadsheet: files.spreadsheet)
        }
        var made = Table()
        let canonical: [UInt8], spreadsheet: [UInt8]
        if let kept, let old {
            (canonical, spreadsheet) = kept
            made.items = old.table.items
        } else if let items = site.tableItems(table) {
            (canonical, spreadsheet) = assemble(table, site: site, items, old: old, into: &made)
        } else {
            (canonical, spreadsheet) = CSVTable.encode(table, rows: site.rows(table))
        }
        // The very bytes fingerprinted and hashed last time, or new ones.
        if let old, Self.same(old.canonical, canonical) {
            made.canonicalPrint = old.table.canonicalPrint
            made.sha256 = old.table.sha256
        } else {
            made.canonicalPrint = Self.fingerprint(canonical)
            made.sha256 = SHA256.hex(canonical)
        }
        if let old, Self.same(old.spreadsheet, spreadsheet) {
            made.spreadsheetPrint = old.table.spreadsheetPrint
        } else {
            made.spreadsheetPrint = Self.fingerprint(spreadsheet)
        }
        lock.withLock { self.made[table.name] = made }
        return Encoded(canonical: canonical, spreadsheet: spreadsheet, sha256: made.sha256)
    }

    /// The previous build's files of `table` in the output folder.
    private func readFiles(_ table: DataTable) -> (canonical: [UInt8], spreadsheet: [UInt8])? {
        let paths = OpenData.tablePaths(table)
        guard !output.isEmpty, let canonical = FileBytes.read(output + "/" + paths[0]),
              let spreadsheet = FileBytes.read(output + "/" + paths[1]) else { return nil }
        return (canonical, spreadsheet)
    }

    /// Header, then each item's rows, copied or encoded; notes where they went in `made`.
    private func assemble(_ table: DataTable, site: Site, _ items: [(key: String, print: UInt64)], old: Old?,
                          into made: inout Table) -> ([UInt8], [UInt8]) {
        var (canonical, spreadsheet) = CSVTable.header(table)
        // Room for the previous files' size and a little more: grown by doubling, a table of 1.6 MB
        // took twice its size in fresh memory, each page zeroed by the kernel.
        canonical.reserveCapacity((old?.canonical.count ?? 0) + (old?.canonical.count ?? 0) / 64 + 4096)
        spreadsheet.reserveCapacity((old?.spreadsheet.count ?? 0) + (old?.spreadsheet.count ?? 0) / 64 + 4096)
        made.items.reserveCapacity(items.count)
        var copied = 0
        for (index, item) in items.enumerated() {
            let print = item.print
            let start = (canonical.count, spreadsheet.count)
            if let old, let place = old.table.items[item.key], place.fingerprint == print,
               Self.endsLine(old.canonical, place.canonical), Self.endsLine(old.spreadsheet, place.spreadsheet) {
                canonical += old.canonical[place.canonical]
                spreadsheet += old.spreadsheet[place.spreadsheet]
                copied += 1
            } else {
                CSVTable.append(table, rows: site.tableRows(table, item: index), canonical: &canonical, spreadsheet: &spreadsheet)
            }
            made.items[item.key] = Item(fingerprint: print, canonical: start.0..<canonical.count,
                                        spreadsheet: start.1..<spreadsheet.count)
        }
        lock.withLock { reused += copied }
        return (canonical, spreadsheet)
    }

    private struct Old {
        let table: Table
        let canonical: [UInt8]
        let spreadsheet: [UInt8]
    }

    /// Rows copied must be whole lines (or nothing): a cache that points elsewhere is not used.
    private static func endsLine(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        range.upperBound <= bytes.count
            && (range.isEmpty || (range.count >= 2 && bytes[range.upperBound - 2] == 0x0D && bytes[range.upperBound - 1] == 0x0A))
    }

    /// Keeps this build's tables for the next build: `folder` is the identity of the folder the
    /// files are in (see `Publisher.stagingIdentity`).
    func write(output: String, global: String, folder: String) {
        let tables = lock.withLock { made }
        CacheFile.write(output: output, kind: "tables", global: global) { writer in
            writer.add(folder)
            for (name, table) in tables.sorted(by: { $0.key < $1.key }) {
                writer.add(name)
                writer.add(table.canonicalPrint)
                writer.add(table.spreadsheetPrint)
                writer.add(table.sha256)
                writer.add(table.items.count)
                for (key, item) in table.items {
                    writer.add(key)
                    writer.add(item.fingerprint)
                    writer.add(item.canonical.lowerBound)
                    writer.add(item.canonical.count)
                    writer.add(item.spreadsheet.lowerBound)
                    writer.add(item.spreadsheet.count)
                }
            }
        }
    }
}
