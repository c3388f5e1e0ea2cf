import Foundation

/// A content file decoded as soon as it is read, with the positions that later checks (duplicates,
/// references, warnings) point at; its YAML tree is dropped at once, so a large site's parse trees
/// are never all held together. A class: loading passes each file through several lists, and a
/// struct's copy retained every string and array of the item it holds.
final class DecodedFile: Sendable, Equatable {
    enum Entity: Sendable, Equatable {
        case commitment(Commitment)
        case milestone(Milestone)
        case meeting(Meeting)
        case note(Note)
        case page(Page)
    }

    let file: ContentFile
    /// Nil when the file has errors (already logged).
    let entity: Entity?
    let marks: Marks

    init(_ group: DocumentGroup, asOf: Day) {
        file = group.document.file
        let f = group.document.fields
        switch file.kind {
        case .commitment:
            entity = ContentDecoder.commitment(group).map(Entity.commitment)
            marks = Marks(f, values: ["id", "end"])
        case .milestone:
            // A commitment's id is its folder's name (checked when the commitment is decoded).
            entity = file.commitmentFolder.flatMap { ContentDecoder.milestone(group, commitmentID: $0) }.map(Entity.milestone)
            marks = Marks(f, values: ["number", "status", "end"])
        case .meeting:
            entity = ContentDecoder.meeting(group, asOf: asOf).map(Entity.meeting)
            marks = Marks(f, values: ["body"], lists: ["commitments", "milestones"])
        case .note:
            entity = ContentDecoder.note(group).map(Entity.note)
            marks = Marks(f, values: [], lists: ["commitments", "milestones"])
        case .page:
            entity = ContentDecoder.page(group).map(Entity.page)
            marks = Marks(f, values: [])
        }
    }

    init(file: ContentFile, entity: Entity?, marks: Marks) {
        self.file = file
        self.entity = entity
        self.marks = marks
    }

    static func == (a: DecodedFile, b: DecodedFile) -> Bool {
        a === b || (a.file == b.file && a.entity == b.entity && a.marks == b.marks)
    }
}

/// Decoded files kept from one build for the next, which takes them instead of reading and parsing
/// files that did not change (see `DecodedCache`). Used from several threads.
protocol DecodedFileStore: Sendable {
    /// Starts a build whose decoding depends on `context` (date, languages, published files…) besides
    /// the files, with `count` groups.
    func begin(context: UInt64, count: Int)
    /// The group (the `index`th) as decoded before, with what decoding it reported, if none of its
    /// files changed since.
    func cached(_ group: DocumentReader.FileGroup, at index: Int) -> (DecodedFile, [Diagnostic])?
    /// Keeps a group this build decoded.
    func keep(_ group: DocumentReader.FileGroup, at index: Int, _ file: DecodedFile, diagnostics: [Diagnostic])
    /// Every group has been asked for: what was read from the previous build can go.
    func endReading()
}

/// Where some keys' values, and some lists' items, are written in a file.
///
/// Taken from the build cache, they stay in their bytes until asked for: only the files a check
/// reports on need them, and decoding every file's places was a fifth of taking 10,000 files
/// from the cache.
struct Marks: Sendable, Equatable, CacheCodable {
    private struct Places: Sendable, Equatable {
        let file: String
        let values: [String: SourceLocation]
        let items: [String: [String: SourceLocation]]
    }

    private enum Storage: Sendable {
        case decoded(Places)
        /// As `write(to:)` writes them, checked whole when read (see `init(from:)`).
        case encoded([UInt8])
    }

    private let storage: Storage

    init(_ fields: Fields, values keys: [String], lists: [String] = []) {
        var values: [String: SourceLocation] = [:]
        for key in keys where fields.has(key) { values[key] = fields.location(ofValue: key) }
        var items: [String: [String: SourceLocation]] = [:]
        for key in lists { items[key] = fields.itemLocations(key) }
        storage = .decoded(Places(file: fields.source.path, values: values, items: items))
    }

    /// Places given as they are (all in `file`).
    init(file: String, values: [String: SourceLocation] = [:], items: [String: [String: SourceLocation]] = [:]) {
        storage = .decoded(Places(file: file, values: values, items: items))
    }

    /// No positions: everything is reported at the file.
    static func none(_ file: String) -> Marks { Marks(file: file) }

    private var places: Places {
        switch storage {
        case let .decoded(places): return places
        case let .encoded(bytes):
            // Checked when read: decoding cannot fail (a key twice, which damage alone could make,
            // keeps the last place).
            guard var reader = try? CacheReader(bytes, in: 0..<bytes.count),
                  let places = try? Self.places(from: &reader) else { return Places(file: "", values: [:], items: [:]) }
            return places
        }
    }

    /// Where `key`'s value is, or the file when it has none.
    func value(_ key: String) -> SourceLocation {
        let places = places
        return places.values[key] ?? SourceLocation(file: places.file)
    }

    /// Where the item `text` of the list `key` is, or the file.
    func item(_ key: String, _ text: String) -> SourceLocation {
        let places = places
        return places.items[key]?[text] ?? SourceLocation(file: places.file)
    }

    static func == (a: Marks, b: Marks) -> Bool { a.places == b.places }

    /// Their length, then the places by name after the file's name: every one is in that file,
    /// which is not repeated.
    func write(to writer: inout CacheWriter) {
        if case let .encoded(bytes) = storage {
            writer.count(bytes.count)
            return writer.raw(bytes)
        }
        let places = places
        var inner = CacheWriter(capacity: 128)
        inner.write(places.file)
        Self.write(places.values, to: &inner)
        inner.count(places.items.count)
        for (key, list) in places.items.sorted(by: { $0.key < $1.key }) {
            inner.text(key)
            Self.write(list, to: &inner)
        }
        writer.count(inner.bytes.count)
        writer.raw(inner.bytes)
    }

    /// Checks the bytes' shape (every length, number and count in bounds) without making texts or
    /// tables, and keeps them.
    init(from reader: inout CacheReader) throws {
        let bytes = try reader.raw(reader.count())
        var check = try CacheReader(bytes, in: 0..<bytes.count)
        try check.skipText()
        try Self.skipPlaces(&check)
        for _ in 0..<(try check.count()) {
            try check.skipText()
            try Self.skipPlaces(&check)
        }
        guard check.atEnd else { throw CacheReader.Damaged() }
        storage = .encoded(bytes)
    }

    /// By name in order, so that the same marks always give the same bytes.
    private static func write(_ places: [String: SourceLocation], to writer: inout CacheWriter) {
        writer.count(places.count)
        for (name, place) in places.sorted(by: { $0.key < $1.key }) {
            writer.text(name)
            writer.write(place.line)
            writer.write(place.column)
        }
    }

    private static func places(from reader: inout CacheReader) throws -> Places {
        let file: String = try reader.read()
        let values = try places(in: file, from: &reader)
        let count = try reader.count()
        var items: [String: [String: SourceLocation]] = .init(minimumCapacity: count)
        for _ in 0..<count {
            let key = try reader.text()
            items[key] = try places(in: file, from: &reader)
        }
        return Places(file: file, values: values, items: items)
    }

    private static func places(in file: String, from reader: inout CacheReader) throws -> [String: SourceLocation] {
        let count = try reader.count()
        var places: [String: SourceLocation] = .init(minimumCapacity: count)
        for _ in 0..<count {
            let name = try reader.text()
            places[name] = SourceLocation(file: file, line: try reader.read(), column: try reader.read())
        }
        return places
    }

    private static func skipPlaces(_ reader: inout CacheReader) throws {
        for _ in 0..<(try reader.count()) {
            try reader.skipText()
            let _: Int = try reader.read()
            let _: Int = try reader.read()
        }
    }
}

/// Its case as a byte, then the item.
extension DecodedFile.Entity: CacheCodable {
    func write(to writer: inout CacheWriter) {
        switch self {
        case .commitment(let commitment):
            writer.byte(0)
            writer.write(commitment)
        case .milestone(let milestone):
            writer.byte(1)
            writer.write(milestone)
        case .meeting(let meeting):
            writer.byte(2)
            writer.write(meeting)
        case .note(let note):
            writer.byte(3)
            writer.write(note)
        case .page(let page):
            writer.byte(4)
            writer.write(page)
        }
    }

    init(from reader: inout CacheReader) throws {
        switch try reader.byte() {
        case 0: self = .commitment(try reader.read())
        case 1: self = .milestone(try reader.read())
        case 2: self = .meeting(try reader.read())
        case 3: self = .note(try reader.read())
        case 4: self = .page(try reader.read())
        default: throw CacheReader.Damaged()
        }
    }
}
