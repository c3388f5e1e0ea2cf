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

    /// Appends the item's bytes at its depth to `out`: the previous build's when `fingerprint` is the
    /// same, else `encode`'s. Called from one thread, items mostly in the previous document's order.
    func append(_ key: String, fingerprint: UInt64, to out: inout [UInt8], _ encode: () -> [UInt8]) {
        if let place = previous[key], place.fingerprint == fingerprint, let old = window(place.bytes),
           old.first == UInt8(ascii: "{"), old.last == UInt8(ascii: "}") {
            out.append(contentsOf: old)
            lock.withLock { reused += 1 }
            return
        }
        out += encode()
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

    /// The previous document is read a window at a time: one read per item was 3,300 system calls
    /// and as many arrays after one edit at 10,000 pages.
    private var buffer: [UInt8] = []
    private var bufferStart = 0

    /// The previous document's bytes in `range`, from the window (read again from the range's start
    /// when it does not hold them); nil when they cannot be read.
    private func window(_ range: Range<Int>) -> ArraySlice<UInt8>? {
        guard document >= 0 else { return nil }
        if range.lowerBound < bufferStart || range.upperBound > bufferStart + buffer.count {
            guard let read = FileBytes.read(document, count: max(range.count, 1 << 20), at: range.lowerBound, partial: true),
                  read.count >= range.count else { return nil }
            buffer = read
            bufferStart = range.lowerBound
        }
        return buffer[(range.lowerBound - bufferStart)..<(range.upperBound - bufferStart)]
    }
}
