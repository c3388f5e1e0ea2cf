import Foundation

/// A content file decoded as soon as it is read, with the positions that later checks (duplicates,
/// references, warnings) point at; its YAML tree is dropped at once, so a large site's parse trees
/// are never all held together.
struct DecodedFile: Sendable, Codable, Equatable {
    enum Entity: Sendable, Codable, Equatable {
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
}

/// Decoded files kept from one build for the next, which takes them instead of reading and parsing
/// files that did not change (see `DecodedCache`). Used from several threads.
protocol DecodedFileStore: Sendable {
    /// Starts a build whose decoding depends on `context` (date, languages, published files…) besides the files.
    func begin(context: UInt64)
    /// The group as decoded before, with what decoding it reported, if none of its files changed since.
    func cached(_ group: DocumentReader.FileGroup) -> (DecodedFile, [Diagnostic])?
    /// Keeps a group this build decoded.
    func keep(_ group: DocumentReader.FileGroup, _ file: DecodedFile, diagnostics: [Diagnostic])
    /// Every group has been asked for: what was read from the previous build can go.
    func endReading()
}

/// Where some keys' values, and some lists' items, are written in a file.
struct Marks: Sendable, Codable, Equatable {
    private let file: String
    private let values: [String: SourceLocation]
    private let items: [String: [String: SourceLocation]]

    init(_ fields: Fields, values keys: [String], lists: [String] = []) {
        file = fields.source.path
        var values: [String: SourceLocation] = [:]
        for key in keys where fields.has(key) { values[key] = fields.location(ofValue: key) }
        self.values = values
        var items: [String: [String: SourceLocation]] = [:]
        for key in lists { items[key] = fields.itemLocations(key) }
        self.items = items
    }

    private init(file: String) {
        self.file = file
        values = [:]
        items = [:]
    }

    /// No positions: everything is reported at the file.
    static func none(_ file: String) -> Marks { Marks(file: file) }

    /// Where `key`'s value is, or the file when it has none.
    func value(_ key: String) -> SourceLocation { values[key] ?? SourceLocation(file: file) }

    /// Where the item `text` of the list `key` is, or the file.
    func item(_ key: String, _ text: String) -> SourceLocation { items[key]?[text] ?? SourceLocation(file: file) }

    private enum CodingKeys: String, CodingKey { case file, values, lists }

    /// A named place, for the build cache's binary form, which has no dictionaries (see `BinaryCoder`).
    private struct Place: Codable {
        let name: String
        let line: Int
        let column: Int
    }

    private struct List: Codable {
        let key: String
        let places: [Place]
    }

    /// Places by name, in order; every one is in this file.
    private static func places(_ locations: [String: SourceLocation]) -> [Place] {
        locations.keys.sorted().compactMap { name in locations[name].map { Place(name: name, line: $0.line, column: $0.column) } }
    }

    private func locations(_ places: [Place]) -> [String: SourceLocation] {
        Dictionary(places.map { ($0.name, SourceLocation(file: file, line: $0.line, column: $0.column)) }) { first, _ in first }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(Self.places(values), forKey: .values)
        try container.encode(items.keys.sorted().compactMap { key in items[key].map { List(key: key, places: Self.places($0)) } },
                             forKey: .lists)
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let file = try container.decode(String.self, forKey: .file)
        self.file = file
        let empty = Marks.none(file)
        values = empty.locations(try container.decode([Place].self, forKey: .values))
        items = Dictionary(try container.decode([List].self, forKey: .lists).map { ($0.key, empty.locations($0.places)) }) { first, _ in first }
    }
}
