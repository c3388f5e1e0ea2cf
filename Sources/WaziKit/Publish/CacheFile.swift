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
        let folder = (output as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder) + "/.wazi-cache/" + (output as NSString).lastPathComponent + "." + kind
    }

    /// The fields after the header, when the file exists and was written for `global`.
    static func read(output: String, kind: String, global: String) -> Reader? {
        var status = stat()
        return read(output: output, kind: kind, global: global, status: &status)
    }

    /// As `read(output:kind:global:)`, with the file as `stat` gave it when it was read.
    static func read(output: String, kind: String, global: String, status: inout stat) -> Reader? {
        guard let (written, reader) = read(output: output, kind: kind, status: &status), written == global else { return nil }
        return reader
    }

    /// The global fingerprint the file was written for, and the fields after the header: for a
    /// file read before the build knows its own fingerprint (see `RowCache`, `DecodedCache`).
    static func read(output: String, kind: String) -> (global: String, fields: Reader)? {
        var status = stat()
        return read(output: output, kind: kind, status: &status)
    }

    private static func read(output: String, kind: String, status: inout stat) -> (global: String, fields: Reader)? {
        guard let bytes = FileBytes.read(location(output: output, kind: kind), status: &status) else { return nil }
        var reader = Reader(source: bytes)
        guard reader.text() == "wazi-" + kind, let global = reader.text() else { return nil }
        return (global, reader)
    }

    /// Writes the header and what `fill` adds, replacing the file only once it is complete.
    static func write(output: String, kind: String, global: String, _ fill: (Writer) -> Void) {
        guard let file = Pending(output: output, kind: kind, global: global) else { return }
        fill(file.writer)
        file.commit()
    }

    /// A cache file being written (beside its final name), put in place by `commit`.
    final class Pending: @unchecked Sendable {
        /// Where the chunks go, and the first failure to write one.
        private final class Target {
            let path: String
            let fd: Int32
            var failure: String?
            init(path: String, fd: Int32) {
                self.path = path
                self.fd = fd
            }
        }

        private let path: String
        private let target: Target
        let writer: Writer

        init?(output: String, kind: String, global: String) {
            path = CacheFile.location(output: output, kind: kind)
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                     withIntermediateDirectories: true)
            let fd = open(path + ".tmp", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { return nil }
            let target = Target(path: path + ".tmp", fd: fd)
            self.target = target
            writer = Writer(stream: ByteStream { chunk in
                guard target.failure == nil else { return }
                do { try Publisher.write(chunk, fd: target.fd, path: target.path) } catch { target.failure = "\(error)" }
            })
            writer.add("wazi-" + kind)
            writer.add(global)
        }

        deinit { close(target.fd) }

        func commit() {
            writer.stream.finish()
            if target.failure == nil, rename(target.path, path) == 0 { return }
            discard()
        }

        func discard() { _ = unlink(target.path) }
    }

    /// Numbers (8 bytes, little-endian) and texts or bytes (length, then the bytes), handed on in chunks.
    final class Writer {
        let stream: ByteStream

        init(stream: ByteStream) { self.stream = stream }

        /// The bytes `fill` adds, as a file would hold them: for a part of a file made apart (a
        /// table's items, a row), about `capacity` bytes long.
        static func bytes(capacity: Int = 256, _ fill: (Writer) -> Void) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(capacity)
            let writer = Writer(stream: ByteStream(chunk: max(capacity, 256)) { bytes.append(contentsOf: $0) })
            fill(writer)
            writer.stream.finish()
            return bytes
        }

        func add(_ number: UInt64) {
            withUnsafeBytes(of: number.littleEndian) { stream.append($0) }
        }

        func add(_ number: Int) { add(UInt64(max(0, number))) }

        func add(_ text: String) {
            add(UInt64(text.utf8.count))
            stream.append(text.utf8)
        }

        func add(bytes: some Collection<UInt8>) {
            add(UInt64(bytes.count))
            stream.append(bytes)
        }
    }

    /// The fields in the order they were written; nil for one that runs past the end.
    struct Reader {
        let source: [UInt8]
        var offset = 0

        var atEnd: Bool { offset >= source.count }

        mutating func number() -> UInt64? {
            guard source.count - offset >= 8 else { return nil }
            defer { offset += 8 }
            return UInt64(littleEndian: source.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) })
        }

        mutating func int() -> Int? { number().flatMap { $0 <= UInt64(Int.max) ? Int($0) : nil } }

        mutating func text() -> String? {
            range().map { String(decoding: source[$0], as: UTF8.self) }
        }

        /// A count, then that many values read by `value`.
        mutating func list<Value>(_ value: (inout Reader) -> Value?) -> [Value]? {
            guard let count = int(), count <= source.count - offset else { return nil }
            var values: [Value] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                guard let next = value(&self) else { return nil }
                values.append(next)
            }
            return values
        }

        /// A count, then that many texts, each followed by its value read by `value`.
        mutating func pairs<Value>(_ value: (inout Reader) -> Value?) -> [String: Value]? {
            guard let count = int(), count <= source.count - offset else { return nil }
            var pairs: [String: Value] = [:]
            pairs.reserveCapacity(count)
            for _ in 0..<count {
                guard let key = text(), let next = value(&self) else { return nil }
                pairs[key] = next
            }
            return pairs
        }

        /// Where the next length-prefixed field's bytes are in `source`, skipping them.
        mutating func range() -> Range<Int>? {
            guard let count = int(), count <= source.count - offset else { return nil }
            defer { offset += count }
            return offset..<offset + count
        }
    }
}
