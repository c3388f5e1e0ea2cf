import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// wazi.json's items (a commitment with its milestones, a meeting, a note) as the previous build
/// wrote them, copied from the previous file instead of encoded again while the files they come
/// from are unchanged: after one edit, the 50 MB document was most of a rebuild's work.
///
/// What an item holds depends only on its own files (a commitment's also on its milestones') and on
/// what every page depends on (site.yaml, bodies.yaml, the date…: the global fingerprint the cache
/// file is kept under). The cache file (`CacheFile`, kind `records`) names the output folder it
/// describes and the document as it was once written (`Document`: inode, size, change times), then
/// gives, per item, the fingerprint and the bytes' place. Nothing is copied from another folder, or
/// from a document changed since (in place, by hand), and each piece copied must still begin and
/// end as items do (`{` … `}`).
final class JSONRecords: @unchecked Sendable {
    struct Place {
        let fingerprint: UInt64
        let bytes: Range<Int>
    }

    /// A file as `stat` gives it: any change to its bytes, even of the same length, changes its change
    /// time (which, unlike the modification time, cannot be set back).
    struct Document: Equatable {
        let inode: UInt64
        let size: Int
        let changed: FileTime
        let modified: FileTime
    }

    private let previous: [String: Place]
    /// The previous site's wazi.json, open for reading; -1 when there is none to copy from.
    private let document: Int32
    private var placed: [String: Place] = [:]
    private let lock = NSLock()
    /// Items copied from the previous document.
    private(set) var reused = 0

    /// No previous items: everything is encoded.
    init() {
        previous = [:]
        document = -1
    }

    /// The items the last build with this global fingerprint wrote into `output`'s wazi.json.
    init(output: String, global: String) {
        var found: [String: Place] = [:]
        let fd = open(output + "/data/wazi.json", O_RDONLY | O_CLOEXEC)
        var info = stat()
        if fd >= 0, fstat(fd, &info) == 0, var reader = CacheFile.read(output: output, kind: "records", global: global),
           reader.text() == Publisher.identity(output), let written = Document(&reader), written == Document(info) {
            while !reader.atEnd {
                guard let key = reader.text(), let fingerprint = reader.number(), let start = reader.int(),
                      let count = reader.int(), start <= written.size, count <= written.size - start else {
                    found = [:]
                    break
                }
                found[key] = Place(fingerprint: fingerprint, bytes: start..<start + count)
            }
        }
        if found.isEmpty, fd >= 0 { close(fd) }
        previous = found
        document = found.isEmpty ? -1 : fd
    }

    deinit { if document >= 0 { close(document) } }

    /// Where the previous document has the items `keys` (each prefixed with `kind`), for those whose
    /// fingerprint in `prints` is the same (see `JSONValue.writeObject`); nil when there is none.
    func previousDocument(_ kind: String, keys: [String], prints: [UInt64]) -> JSONValue.PreviousDocument? {
        guard document >= 0 else { return nil }
        return JSONValue.PreviousDocument(place: { index in
            guard let place = self.previous[kind + keys[index]], place.fingerprint == prints[index] else { return nil }
            return place.bytes
        }, looksLikeItems: looksLikeItems, copy: { bytes, items, stream in
            self.lock.withLock { self.reused += items }
            return stream.copy(from: self.document, bytes)
        })
    }

    /// Whether `bytes` of the previous document begin and end as items do (a record file that points
    /// into the wrong places would not).
    private func looksLikeItems(_ bytes: Range<Int>) -> Bool {
        guard !bytes.isEmpty, let first = FileBytes.read(document, count: 1, at: bytes.lowerBound),
              let last = FileBytes.read(document, count: 1, at: bytes.upperBound - 1) else { return false }
        return first == [UInt8(ascii: "{")] && last == [UInt8(ascii: "}")]
    }

    /// Notes where the item went in the document being written.
    func place(_ key: String, fingerprint: UInt64, at bytes: Range<Int>) {
        lock.withLock { placed[key] = Place(fingerprint: fingerprint, bytes: bytes) }
    }

    /// Keeps where this build's items are, for the next build: `folder` is the identity of the
    /// folder the document is in (see `Publisher.stagingIdentity`), `document` the document as
    /// written (nil: nothing is kept).
    func write(output: String, global: String, folder: String, document: Document?) {
        guard let document else { return }
        let items = lock.withLock { placed }
        CacheFile.write(output: output, kind: "records", global: global) { writer in
            writer.add(folder)
            document.write(to: writer)
            for (key, place) in items {
                writer.add(key)
                writer.add(place.fingerprint)
                writer.add(place.bytes.lowerBound)
                writer.add(place.bytes.count)
            }
        }
    }
}

extension JSONRecords.Document {
    init(_ info: stat) {
        self.init(inode: UInt64(info.st_ino), size: Int(info.st_size), changed: FileTime(info.st_ctim),
                  modified: FileTime(info.st_mtim))
    }

    /// As a cache file holds it (see `write`).
    init?(_ reader: inout CacheFile.Reader) {
        guard let inode = reader.number(), let size = reader.int(), let changed = FileTime(&reader),
              let modified = FileTime(&reader) else { return nil }
        self.init(inode: inode, size: size, changed: changed, modified: modified)
    }

    func write(to writer: CacheFile.Writer) {
        writer.add(inode)
        writer.add(size)
        changed.write(to: writer)
        modified.write(to: writer)
    }
}
