import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The CSV tables as the previous build wrote them, kept or copied from instead of made again:
/// after one edit, making the tables of commitments, milestones and updates again, hashing them for
/// the Data Package, and reading the unchanged ones to write them again, was most of the data files' work.
///
/// - A table none of whose items changed (see `Build.Reuse`) keeps its files, unread, with their
///   sizes and SHA-256 as recorded.
/// - Another is made item by item, each item's rows copied from the previous files when its
///   fingerprint is the same; made the same as before, it keeps its files too.
///
/// An item's rows (a milestone's row, its updates' rows…) depend only on the files it shows (see
/// `Site.tableItems`) and on what the global fingerprint covers (the cache file is kept under it).
/// The cache file (`CacheFile`, kind `tables`) names the output folder it describes (as
/// `JSONRecords` does), then per table: its two files as `stat` gave them once written (a file
/// changed since, even by hand and to the same length, has another change time: it is neither
/// kept nor copied from), the canonical file's SHA-256, and its items in order, each with its
/// fingerprint and the places of its rows in both files; copied rows must end a line.
final class TableRecords: @unchecked Sendable {
    struct Item {
        let fingerprint: UInt64
        let canonical: Range<Int>
        let spreadsheet: Range<Int>
    }

    /// A table as a build wrote it.
    struct Table {
        var sha256: String
        /// The canonical file's size, then the spreadsheet's.
        var sizes: (canonical: Int, spreadsheet: Int)
        var items: Items
    }

    /// A table's items: as the cache file has them (decoded only for a table made again), or as made.
    enum Items {
        case stored(count: Int, bytes: ArraySlice<UInt8>)
        case made([(key: String, item: Item)])
    }

    /// What `encode` gives for a table.
    enum Encoded {
        /// The previous build's files, unread: none of the items they show changed.
        case kept(canonical: Int, spreadsheet: Int, sha256: String)
        /// Made again; `same`: whether byte for byte the previous build's files, nil when there were
        /// none to compare with.
        case made(canonical: [UInt8], spreadsheet: [UInt8], sha256: String, same: Bool?)
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

    /// The tables recorded for `output` whose files are still those recorded.
    private static func read(output: String, global: String) -> [String: Table] {
        var found: [String: Table] = [:]
        guard var reader = CacheFile.read(output: output, kind: "tables", global: global),
              reader.text() == Publisher.identity(output) else { return [:] }
        let folder = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return [:] }
        defer { close(folder) }
        while !reader.atEnd {
            guard let name = reader.text(), let canonical = JSONRecords.Document(&reader),
                  let spreadsheet = JSONRecords.Document(&reader), let sha256 = reader.text(), sha256.utf8.count == 64,
                  let count = reader.int(), let items = reader.range() else { return [:] }
            let files = OpenData.tablePaths(name)
            guard Self.document(files[0], in: folder) == canonical, Self.document(files[1], in: folder) == spreadsheet else { continue }
            found[name] = Table(sha256: sha256, sizes: (canonical.size, spreadsheet.size),
                                items: .stored(count: count, bytes: reader.source[items]))
        }
        return found
    }

    private static func document(_ relative: String, in folder: Int32) -> JSONRecords.Document? {
        var info = stat()
        guard fstatat(folder, relative, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return JSONRecords.Document(info)
    }

    /// A stored table's items, in order; nil when they do not read back whole.
    private static func items(_ items: Items) -> [(key: String, item: Item)]? {
        switch items {
        case .made(let list):
            return list
        case .stored(let count, let bytes):
            var reader = CacheFile.Reader(source: Array(bytes))
            var list: [(key: String, item: Item)] = []
            list.reserveCapacity(min(count, bytes.count / 40))
            for _ in 0..<count {
                guard let key = reader.text(), let fingerprint = reader.number(),
                      let canonical = range(&reader), let spreadsheet = range(&reader) else { return nil }
                list.append((key, Item(fingerprint: fingerprint, canonical: canonical, spreadsheet: spreadsheet)))
            }
            return reader.atEnd ? list : nil
        }
    }

    private static func range(_ reader: inout CacheFile.Reader) -> Range<Int>? {
        guard let start = reader.int(), let count = reader.int(), count <= Int.max - start else { return nil }
        return start..<start + count
    }

    /// Byte for byte, with memcmp (Array's == compares element by element).
    private static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { x in b.withUnsafeBytes { y in FileBytes.equal(x, y) } }
    }

    /// The table's files: kept when `unchanged` (none of the items it shows changed, see
    /// `Build.Reuse`) and its files are the ones recorded; else made item by item, each item's rows
    /// copied from the previous files when its fingerprint is the same. The hash is computed only
    /// for bytes not hashed before. `unchanged` false: made, whatever was recorded.
    func encode(_ table: DataTable, site: Site, unchanged: Bool) -> Encoded {
        let before = previous[table.name]
        if unchanged, let before {
            lock.withLock { made[table.name] = before }
            return .kept(canonical: before.sizes.canonical, spreadsheet: before.sizes.spreadsheet, sha256: before.sha256)
        }
        let old = before.flatMap { before -> Old? in
            let paths = OpenData.tablePaths(table.name)
            guard let canonical = FileBytes.read(output + "/" + paths[0]), canonical.count == before.sizes.canonical,
                  let spreadsheet = FileBytes.read(output + "/" + paths[1]), spreadsheet.count == before.sizes.spreadsheet,
                  let items = Self.items(before.items) else { return nil }
            return Old(sha256: before.sha256, items: items, canonical: canonical, spreadsheet: spreadsheet)
        }
        var items: [(key: String, item: Item)] = []
        let canonical: [UInt8], spreadsheet: [UInt8]
        if let keys = site.tableItems(table) {
            (canonical, spreadsheet) = assemble(table, site: site, keys, old: old, into: &items)
        } else {
            (canonical, spreadsheet) = CSVTable.encode(table, rows: site.rows(table))
        }
        let sameCanonical = old.map { Self.same($0.canonical, canonical) } ?? false
        // The very bytes hashed last time, or new ones.
        let sha256 = sameCanonical ? old?.sha256 ?? SHA256.hex(canonical) : SHA256.hex(canonical)
        lock.withLock {
            made[table.name] = Table(sha256: sha256, sizes: (canonical.count, spreadsheet.count), items: .made(items))
        }
        let same = old.map { sameCanonical && Self.same($0.spreadsheet, spreadsheet) }
        return .made(canonical: canonical, spreadsheet: spreadsheet, sha256: sha256, same: same)
    }

    /// Header, then each item's rows, copied or encoded; notes where they went in `made`. The previous
    /// items are matched by place while the keys agree (after one edit, all along), else by key.
    private func assemble(_ table: DataTable, site: Site, _ keys: [(key: String, print: UInt64)], old: Old?,
                          into made: inout [(key: String, item: Item)]) -> ([UInt8], [UInt8]) {
        var (canonical, spreadsheet) = CSVTable.header(table)
        // Room for the previous files' size and a little more: grown by doubling, a table of 1.6 MB
        // took twice its size in fresh memory, each page zeroed by the kernel.
        canonical.reserveCapacity((old?.canonical.count ?? 0) + (old?.canonical.count ?? 0) / 64 + 4096)
        spreadsheet.reserveCapacity((old?.spreadsheet.count ?? 0) + (old?.spreadsheet.count ?? 0) / 64 + 4096)
        made.reserveCapacity(keys.count)
        var byKey: [String: Item]?
        var copied = 0
        for (index, item) in keys.enumerated() {
            var place: Item?
            if let old {
                if index < old.items.count, old.items[index].key == item.key {
                    place = old.items[index].item
                } else {
                    if byKey == nil { byKey = Dictionary(old.items.map { ($0.key, $0.item) }) { first, _ in first } }
                    place = byKey?[item.key]
                }
            }
            let start = (canonical.count, spreadsheet.count)
            if let old, let place, place.fingerprint == item.print,
               Self.endsLine(old.canonical, place.canonical), Self.endsLine(old.spreadsheet, place.spreadsheet) {
                canonical += old.canonical[place.canonical]
                spreadsheet += old.spreadsheet[place.spreadsheet]
                copied += 1
            } else {
                CSVTable.append(table, rows: site.tableRows(table, item: index), canonical: &canonical, spreadsheet: &spreadsheet)
            }
            made.append((item.key, Item(fingerprint: item.print, canonical: start.0..<canonical.count,
                                        spreadsheet: start.1..<spreadsheet.count)))
        }
        lock.withLock { reused += copied }
        return (canonical, spreadsheet)
    }

    /// The previous build's table, read to be made again.
    private struct Old {
        let sha256: String
        let items: [(key: String, item: Item)]
        let canonical: [UInt8]
        let spreadsheet: [UInt8]
    }

    /// Rows copied must be whole lines (or nothing): a cache that points elsewhere is not used.
    private static func endsLine(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        range.upperBound <= bytes.count
            && (range.isEmpty || (range.count >= 2 && bytes[range.upperBound - 2] == 0x0D && bytes[range.upperBound - 1] == 0x0A))
    }

    /// Keeps this build's tables for the next build: `folder` is the identity of the folder the
    /// files are in (see `Publisher.stagingIdentity`), `staged` gives each file as written there
    /// (a table whose files are not both there is not kept).
    func write(output: String, global: String, folder: String, staged: (String) -> stat?) {
        let tables = lock.withLock { made }
        CacheFile.write(output: output, kind: "tables", global: global) { writer in
            writer.add(folder)
            for (name, table) in tables.sorted(by: { $0.key < $1.key }) {
                let files = OpenData.tablePaths(name).compactMap { staged($0).map(JSONRecords.Document.init) }
                guard files.count == 2 else { continue }
                writer.add(name)
                for file in files { file.write(to: writer) }
                writer.add(table.sha256)
                switch table.items {
                case .stored(let count, let bytes):
                    writer.add(count)
                    writer.add(bytes: bytes)
                case .made(let items):
                    writer.add(items.count)
                    writer.add(bytes: Self.encoded(items))
                }
            }
        }
    }

    /// Items as the cache file holds them (see `items`).
    private static func encoded(_ items: [(key: String, item: Item)]) -> [UInt8] {
        CacheFile.Writer.bytes(capacity: items.count * 72) { writer in
            for (key, item) in items {
                writer.add(key)
                writer.add(item.fingerprint)
                for range in [item.canonical, item.spreadsheet] {
                    writer.add(range.lowerBound)
                    writer.add(range.count)
                }
            }
        }
    }
}
