import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The binary files kept beside the build cache (`<output's parent>/.wazi-cache/<output name>.<kind>`)
/// for parts of the output reused from one build to the next. Each starts with its kind and the
/// build's global fingerprint (the theme, site.yaml, options, date…): a file is only read back by a
/// build with the same fingerprint, and a damaged or foreign file is ignored.
enum CacheFile {
    static func location(output: String, kind: String) -> String {
        String(BuildCache.location(output: output).dropLast(".json".count)) + "." + kind
    }

    /// The fields after the header, when the file exists and was written for `global`.
    static func read(output: String, kind: String, global: String) -> Reader? {
        guard let data = FileManager.default.contents(atPath: location(output: output, kind: kind)) else { return nil }
        var reader = Reader(bytes: [UInt8](data))
        guard reader.text() == "wazi-" + kind, reader.text() == global else { return nil }
        return reader
    }

    /// Writes the header and what `fill` adds, replacing the file only once it is complete.
    static func write(output: String, kind: String, global: String, _ fill: (inout Writer) -> Void) {
        let path = location(output: output, kind: kind)
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        let (_, failure) = ByteStream.write(to: path + ".tmp") { stream in
            var writer = Writer(stream: stream)
            writer.add("wazi-" + kind)
            writer.add(global)
            fill(&writer)
            stream.append(writer.bytes)
        }
        if failure == nil { _ = rename(path + ".tmp", path) } else { _ = unlink(path + ".tmp") }
    }

    /// Numbers (8 bytes, little-endian) and texts (length, then UTF-8), handed on in chunks.
    struct Writer {
        let stream: ByteStream
        fileprivate(set) var bytes: [UInt8] = []

        mutating func add(_ number: UInt64) {
            withUnsafeBytes(of: number.littleEndian) { bytes += $0 }
        }

        mutating func add(_ number: Int) { add(UInt64(max(0, number))) }

        mutating func add(_ text: String) {
            add(UInt64(text.utf8.count))
            bytes += text.utf8
            if bytes.count > 1 << 20 {
                stream.append(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
    }

    /// The fields in the order they were written; nil for one that runs past the end.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var atEnd: Bool { offset >= bytes.count }

        mutating func number() -> UInt64? {
            guard bytes.count - offset >= 8 else { return nil }
            defer { offset += 8 }
            return bytes[offset..<offset + 8].reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }

        mutating func int() -> Int? { number().flatMap { $0 <= UInt64(Int.max) ? Int($0) : nil } }

        mutating func text() -> String? {
            guard let count = int(), count <= bytes.count - offset else { return nil }
            defer { offset += count }
            return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
        }
    }
}

/// The rendered rows of lists (see `Fragments`), kept for the next build: after an edit, the pages
/// that list the edited item are rendered again, and each list holds hundreds of rows that did not
/// change. Per row: its key, the fingerprint of the items it shows, its HTML.
enum RowCache {
    static func read(output: String, global: String) -> [String: Fragments.StoredRow] {
        guard var reader = CacheFile.read(output: output, kind: "rows", global: global) else { return [:] }
        var rows: [String: Fragments.StoredRow] = [:]
        while !reader.atEnd {
            guard let key = reader.text(), let fingerprint = reader.number(), let html = reader.text() else { return [:] }
            rows[key] = Fragments.StoredRow(fingerprint: fingerprint, html: html)
        }
        return rows
    }

    static func write(_ rows: [String: Fragments.StoredRow], output: String, global: String) {
        CacheFile.write(output: output, kind: "rows", global: global) { writer in
            for (key, row) in rows {
                writer.add(key)
                writer.add(row.fingerprint)
                writer.add(row.html)
            }
        }
    }
}
