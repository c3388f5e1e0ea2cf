/// The rows of lists a previous build rendered (see `Fragments`, and `RowCache` for their file),
/// with the global fingerprint they were made under. Kept as the file's bytes: a row's HTML is
/// made a text only when a page uses it, and a row kept is written again from its bytes (making
/// every row a text, and a table of them, was most of reading and writing the file after one edit).
final class StoredRows: @unchecked Sendable {
    /// One row: where its key and its HTML are in `bytes`, the fingerprint of the items it shows,
    /// and where the whole entry is (as the file has it).
    struct Entry {
        let key: Range<Int>
        let fingerprint: UInt64
        let html: Range<Int>
        let whole: Range<Int>
    }

    let global: String
    let bytes: [UInt8]
    let entries: [Entry]
    /// Each entry by the fingerprint of its key (its bytes are compared too).
    private let index: [UInt64: Int]

    static let none = StoredRows(global: "", bytes: [], entries: [])

    init(global: String, bytes: [UInt8], entries: [Entry]) {
        self.global = global
        self.bytes = bytes
        self.entries = entries
        var index: [UInt64: Int] = [:]
        index.reserveCapacity(entries.count)
        for (place, entry) in entries.enumerated() {
            index[Fingerprint.of(utf8: bytes[entry.key])] = place
        }
        self.index = index
    }

    /// The place of the row stored under `key`, nil when there is none.
    func place(_ key: String) -> Int? {
        guard let place = index[Fingerprint.of(key)] else { return nil }
        var key = key
        let same = key.withUTF8 { text in
            bytes.withUnsafeBytes { FileBytes.equal(UnsafeRawBufferPointer(rebasing: $0[entries[place].key]), UnsafeRawBufferPointer(text)) }
        }
        return same ? place : nil
    }

    /// The row stored under `key` when it was made with `fingerprint`.
    func row(_ key: String, fingerprint: UInt64) -> RawHTML? {
        guard let place = place(key), entries[place].fingerprint == fingerprint else { return nil }
        return RawHTML(html: String(decoding: bytes[entries[place].html], as: UTF8.self))
    }
}
