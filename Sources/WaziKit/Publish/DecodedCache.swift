import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Content files as the last successful build decoded them (`CacheFile`, kind `decoded`): a rebuild
/// takes a file from here when it and its translations have the size and modification time they had
/// then (`BuildCache.stamp`) and decoding depends on the same things (date, languages, published
/// files, this build of wazi), and reads and parses YAML only for the others. Composing YAML was
/// most of a rebuild's loading time.
///
/// Each group is kept in its `CacheCodable` form with the diagnostics its decoding reported (which
/// are reported again), and decoded on the loading threads; bytes that do not decode are ignored
/// and the files read. The new file is written, in the groups' order, once every group is decoded
/// (see `endReading`), and put in place by `commit`, only when the build succeeds.
final class DecodedCache: DecodedFileStore, @unchecked Sendable {
    /// A decoded file without its `ContentFile`, which the content scan gives again (the same: the
    /// path, and the content folder as given, which `begin`'s context covers).
    struct Entry: Equatable, CacheCodable {
        let entity: DecodedFile.Entity?
        let marks: Marks
        let diagnostics: [Diagnostic]

        init(file: DecodedFile, diagnostics: [Diagnostic]) {
            entity = file.entity
            marks = file.marks
            self.diagnostics = diagnostics
        }

        /// The decoded file, for the content file it was kept for.
        func file(_ content: ContentFile) -> DecodedFile {
            DecodedFile(file: content, entity: entity, marks: marks)
        }

        func write(to writer: inout CacheWriter) {
            writer.write(entity)
            writer.write(marks)
            writer.write(diagnostics)
        }

        init(from reader: inout CacheReader) throws {
            entity = try reader.read()
            marks = try reader.read()
            diagnostics = try reader.read()
        }
    }

    /// A file as a build decoded it, with its stamp: what a `BuildSession` keeps in memory, so that
    /// the next build takes it without decoding the cache's bytes.
    struct RememberedFile: Sendable {
        let stamp: UInt64
        let entry: Entry
    }

    /// Every file a build decoded, by path, under the header (`global`) it was decoded under.
    struct Remembered: Sendable {
        var global = ""
        var files: [String: RememberedFile] = [:]
        static let none = Remembered()

        /// Takes the files a patched model decoded (see `KeptModel`), whose stamps are in `stamps`.
        mutating func update(_ decoded: [KeptModel.DecodedGroup], stamps: [String: UInt64]) {
            for group in decoded {
                guard let stamp = DecodedCache.stamp(group.group, stamps: stamps) else { continue }
                files[group.group.file.relativePath] = RememberedFile(stamp: stamp,
                                                                      entry: Entry(file: group.file, diagnostics: group.diagnostics))
            }
        }
    }

    /// The entries' form, in the header: bumped when it changes, so that no file an earlier form
    /// wrote is ever read as this one (besides the build stamp in `context`, which tells builds apart).
    private static let form = "form 4 "

    private let output: String
    private let threads: Int
    private let stamps: [String: UInt64]
    /// The previous file's groups: each one's stamp and where its bytes are in `buffer`. Set by `begin`
    /// before the loading threads start and only read by them until `endReading`, so without the lock.
    private var previous: [String: (stamp: UInt64, bytes: Range<Int>)] = [:]
    private var buffer: [UInt8] = []
    /// What this build keeps of each group, by its place: set by the loading threads (each its own
    /// groups, no lock), then written in order by `endReading` on a lane of its own.
    private var kept = Slots<Kept>(count: 0)
    private var global = ""
    /// This build's file, once written.
    private var writing: Eventually<CacheFile.Pending?>?
    private var failed = false
    private let lock = NSLock()
    /// Groups taken from the cache.
    private(set) var reused = 0
    /// Of those, groups taken from the session's memory.
    private(set) var fromMemory = 0

    private enum Bytes {
        /// Where they are in the previous file.
        case previous(Range<Int>)
        case new([UInt8])
    }

    private struct Kept {
        let key: String
        let stamp: UInt64
        let bytes: Bytes
        /// Kept for a session only.
        let entry: Entry?
        /// Taken without parsing the file: from the session's memory, or from the cache's bytes.
        var taken: Taken?
    }

    private enum Taken { case memory, bytes }

    /// What the session gave (see `BuildSession`), and whether it wants this build's files back.
    private let memory: Remembered?
    /// `memory`'s files, when they were decoded under this build's header (set by `begin`).
    private var remembered: [String: RememberedFile] = [:]
    /// This build's files for the session, made beside the cache file.
    private var remembering: Eventually<Remembered>?

    /// The previous build's file, read on another thread while the content folder is scanned.
    private let reading: Eventually<(global: String, buffer: [UInt8], groups: [String: (stamp: UInt64, bytes: Range<Int>)])>

    /// `stamps`: the content files' sizes and times, as `BuildCache.stamp` gives them.
    /// `memory`: the files a session kept from its last build (none for a one-shot build).
    init(output: String, stamps: [String: UInt64], threads: Int, memory: Remembered? = nil) {
        self.memory = memory
        self.output = output
        self.threads = threads
        self.stamps = stamps
        reading = Lane.start(threads: threads) {
            guard case (let global, var reader)? = CacheFile.read(output: output, kind: "decoded") else { return ("", [], [:]) }
            var found: [String: (stamp: UInt64, bytes: Range<Int>)] = [:]
            while !reader.atEnd {
                guard let key = reader.text(), let stamp = reader.number(), let bytes = reader.range() else { return ("", [], [:]) }
                found[key] = (stamp, bytes)
            }
            return (global, reader.source, found)
        }
    }

    deinit { kept.free() }

    func begin(context: UInt64, count: Int) {
        global = Self.form + String(context, radix: 16)
        let read = reading.value
        if read.global == global {
            previous = read.groups
            buffer = read.buffer
        }
        if let memory, memory.global == global { remembered = memory.files }
        kept.free()
        kept = Slots(count: count)
    }

    func cached(_ group: DocumentReader.FileGroup, at index: Int) -> (DecodedFile, [Diagnostic])? {
        let key = group.file.relativePath
        guard let stamp = stamp(group) else { return nil }
        let stored = previous[key].flatMap { $0.stamp == stamp ? $0.bytes : nil }
        if let known = remembered[key], known.stamp == stamp {
            let bytes = stored.map(Bytes.previous) ?? .new(Self.bytes(of: known.entry))
            kept.buffer[index] = Kept(key: key, stamp: stamp, bytes: bytes, entry: known.entry, taken: .memory)
            return (known.entry.file(group.file), known.entry.diagnostics)
        }
        guard let stored, let decoded = try? Entry(cacheBytes: buffer, in: stored) else { return nil }
        kept.buffer[index] = Kept(key: key, stamp: stamp, bytes: .previous(stored), entry: memory == nil ? nil : decoded,
                                  taken: .bytes)
        return (decoded.file(group.file), decoded.diagnostics)
    }

    /// An entry as the cache file holds it, in one buffer big enough for most (1 to 2 KB).
    private static func bytes(of entry: Entry) -> [UInt8] {
        var writer = CacheWriter(capacity: 2048)
        writer.write(entry)
        return writer.bytes
    }

    func keep(_ group: DocumentReader.FileGroup, at index: Int, _ file: DecodedFile, diagnostics: [Diagnostic]) {
        guard let stamp = stamp(group) else {
            lock.withLock { failed = true }
            return
        }
        let entry = Entry(file: file, diagnostics: diagnostics)
        kept.buffer[index] = Kept(key: group.file.relativePath, stamp: stamp, bytes: .new(Self.bytes(of: entry)),
                                  entry: memory == nil ? nil : entry)
    }

    /// Every group has been asked for: this build's file is written on a lane of its own (what is
    /// left of loading is serial), then what was read from the previous one goes.
    func endReading() {
        for case let kept? in kept.buffer {
            if kept.taken != nil { reused += 1 }
            if kept.taken == .memory { fromMemory += 1 }
        }
        let (output, global, kept, buffer) = (output, global, kept, buffer)
        previous = [:]
        self.buffer = []
        self.kept = Slots(count: 0)
        remembered = [:]
        // Beside the cache file, on a lane of its own: the session's files are needed only by the next build.
        let remembering = memory == nil ? nil : Lane.start(threads: threads) {
            var files: [String: RememberedFile] = .init(minimumCapacity: kept.buffer.count)
            for case let kept? in kept.buffer {
                if let entry = kept.entry { files[kept.key] = RememberedFile(stamp: kept.stamp, entry: entry) }
            }
            return Remembered(global: global, files: files)
        }
        self.remembering = remembering
        writing = Lane.start(threads: threads) {
            // The slots are freed once both lanes are done with them.
            defer {
                _ = remembering?.value
                kept.free()
            }
            guard let pending = CacheFile.Pending(output: output, kind: "decoded", global: global) else { return nil }
            for case let entry? in kept.buffer {
                pending.writer.add(entry.key)
                pending.writer.add(entry.stamp)
                switch entry.bytes {
                case let .previous(range): pending.writer.add(bytes: buffer[range])
                case let .new(bytes): pending.writer.add(bytes: bytes)
                }
            }
            return pending
        }
    }

    /// Puts what this build decoded in place for the next one: after a successful build only.
    /// Returns the files for a session (see `init`), or nil when it must not keep them.
    func commit() -> Remembered? {
        let pending = writing?.value
        let memory = remembering?.value
        if lock.withLock({ failed }) {
            pending?.discard()
            return nil
        }
        pending?.commit()
        return memory
    }

    /// Drops what this build decoded (a failed build).
    func discard() {
        writing?.value?.discard()
    }

    /// The sizes and times of the group's files (the file's own, then each translation's path and
    /// its), nil when one is not known. Asked for every file of every build: most have no translation,
    /// and their stamp is the one already made.
    private func stamp(_ group: DocumentReader.FileGroup) -> UInt64? {
        Self.stamp(group, stamps: stamps)
    }

    static func stamp(_ group: DocumentReader.FileGroup, stamps: [String: UInt64]) -> UInt64? {
        guard let own = stamps[group.file.relativePath] else { return nil }
        if group.translations.isEmpty { return own }
        var stamp = Fingerprint(own)
        for language in group.translations.keys.sorted() {
            guard let file = group.translations[language], let part = stamps[file.relativePath] else { return nil }
            stamp.add(file.relativePath)
            stamp.add(part)
        }
        return stamp.value
    }
}
