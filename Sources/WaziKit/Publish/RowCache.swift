/// The rendered rows of lists (see `Fragments`, `StoredRows`), kept for the next build: after an
/// edit, the pages that list the edited item are rendered again, and each list holds hundreds of
/// rows that did not change. A `CacheFile` of kind `rows`; per row: its key, the fingerprint of the
/// items it shows, its HTML.
enum RowCache {
    /// The rows kept, with the global fingerprint they were made under (they are for a build with
    /// the same); none when the file is missing or does not read back whole.
    static func read(output: String) -> StoredRows {
        guard case (let global, var reader)? = CacheFile.read(output: output, kind: "rows") else { return .none }
        return rows(global: global, &reader) ?? .none
    }

    /// The rows from where `reader` stands to its end; nil when one does not read back whole.
    private static func rows(global: String, _ reader: inout CacheFile.Reader) -> StoredRows? {
        var entries: [StoredRows.Entry] = []
        entries.reserveCapacity(reader.source.count / 512)
        while !reader.atEnd {
            let start = reader.offset
            guard let key = reader.range(), let fingerprint = reader.number(), let html = reader.range() else { return nil }
            entries.append(StoredRows.Entry(key: key, fingerprint: fingerprint, html: html, whole: start..<reader.offset))
        }
        return StoredRows(global: global, bytes: reader.source, entries: entries)
    }

    /// Writes the rows `stored` holds (when made under `global`) but those `made` replaces, from
    /// their bytes, then `made`. `keep`: returns the rows written, for a process that builds again.
    @discardableResult
    static func write(stored: StoredRows, made: [(key: String, fingerprint: UInt64, html: RawHTML)], output: String,
                      global: String, keep: Bool) -> StoredRows? {
        let previous = stored.global == global ? stored : .none
        let replaced = Set(made.compactMap { previous.place($0.key) })
        var kept: [UInt8]? = keep ? [] : nil
        CacheFile.write(output: output, kind: "rows", global: global) { writer in
            func put(_ bytes: some Collection<UInt8>) {
                writer.stream.append(bytes)
                kept?.append(contentsOf: bytes)
            }
            // Consecutive rows kept are copied in one piece.
            var run: Range<Int>?
            for (place, entry) in previous.entries.enumerated() where !replaced.contains(place) {
                if let piece = run, piece.upperBound == entry.whole.lowerBound {
                    run = piece.lowerBound..<entry.whole.upperBound
                } else {
                    if let piece = run { put(previous.bytes[piece]) }
                    run = entry.whole
                }
            }
            if let piece = run { put(previous.bytes[piece]) }
            for row in made { put(entry(row.key, row.fingerprint, row.html)) }
        }
        guard let kept else { return nil }
        var reader = CacheFile.Reader(source: kept)
        return rows(global: global, &reader)
    }

    /// A row as the file holds it.
    private static func entry(_ key: String, _ fingerprint: UInt64, _ html: RawHTML) -> [UInt8] {
        CacheFile.Writer.bytes { writer in
            writer.add(key)
            writer.add(fingerprint)
            html.withUTF8 { writer.add(bytes: $0) }
        }
    }
}
