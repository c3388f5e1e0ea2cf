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
/// describes (as `BuildCache` does) and the size of its document, then gives, per item, the
/// fingerprint and the bytes' place; nothing is copied from another folder or a document of another
/// size, and a copied item must still look like one (`{` … `}`).
final class JSONRecords: @unchecked Sendable {
    struct Place {
        let fingerprint: UInt64
        let bytes: Range<Int>
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
        let path = output + "/data/wazi.json"
        var found: [String: Place] = [:]
        var fd: Int32 = -1
        var info = stat()
        if var reader = CacheFile.read(output: output, kind: "records", global: global),
           reader.text() == Publisher.identity(output), let size = reader.int(),
           stat(path, &info) == 0, Int(info.st_size) == size {
            while !reader.atEnd {
                guard let key = reader.text(), let fingerprint = reader.number(), let start = reader.int(),
                      let count = reader.int(), start <= size, count <= size - start else {
                    found = [:]
                    break
                }
                found[key] = Place(fingerprint: fingerprint, bytes: start..<start + count)
            }
            if !found.isEmpty { fd = open(path, O_RDONLY) }
        }
        previous = fd >= 0 ? found : [:]
        document = fd
    }

    deinit { if document >= 0 { close(document) } }

    /// The item's bytes at its depth: the previous build's when `fingerprint` is the same, else `encode`'s.
    func bytes(_ key: String, fingerprint: UInt64, _ encode: () -> [UInt8]) -> [UInt8] {
        if let place = previous[key], place.fingerprint == fingerprint, let old = read(place.bytes),
           old.first == UInt8(ascii: "{"), old.last == UInt8(ascii: "}") {
            lock.withLock { reused += 1 }
            return old
        }
        return encode()
    }

    /// Notes where the item went in the document being written.
    func place(_ key: String, fingerprint: UInt64, at bytes: Range<Int>) {
        lock.withLock { placed[key] = Place(fingerprint: fingerprint, bytes: bytes) }
    }

    /// Keeps where this build's items are, for the next build: `folder` is the identity of the
    /// folder the document is in (see `Publisher.stagingIdentity`), `size` the document's.
    func write(output: String, global: String, folder: String, size: Int) {
        let items = lock.withLock { placed }
        CacheFile.write(output: output, kind: "records", global: global) { writer in
            writer.add(folder)
            writer.add(size)
            for (key, place) in items {
                writer.add(key)
                writer.add(place.fingerprint)
                writer.add(place.bytes.lowerBound)
                writer.add(place.bytes.count)
            }
        }
    }

    private func read(_ range: Range<Int>) -> [UInt8]? {
        document >= 0 ? FileBytes.read(document, count: range.count, at: range.lowerBound) : nil
    }
}
