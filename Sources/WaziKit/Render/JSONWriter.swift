/// Pretty-printed JSON appended straight to bytes: the same bytes `JSONValue.write(into:indent:pretty: true)`
/// gives for the same value, without building the value first: wazi.json's items, built as trees and
/// their keys sorted per object, were some 9 % of a cold build.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// The depth of the value being written (the `indent` of `JSONValue.write`).
    private var depth: Int

    init(depth: Int) { self.depth = depth }

    mutating func null() { bytes.append(contentsOf: "null".utf8) }

    mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    mutating func int(_ value: Int) { bytes.append(utf8: String(value)) }

    /// A string, or null.
    mutating func string(_ text: String?) {
        guard let text else { return null() }
        JSONValue.quote(text, into: &bytes)
    }

    /// A string given as its UTF-8 bytes (a body read from its file), or null.
    mutating func utf8(_ text: [UInt8]?) {
        guard let text else { return null() }
        text.withUnsafeBufferPointer { JSONValue.quote(utf8: $0, into: &bytes) }
    }

    /// A table cell, as `JSONValue(value)` writes it.
    mutating func value(_ value: DataValue) {
        switch value {
        case let .text(text): string(text)
        case let .integer(n): int(n)
        case let .number(x): bytes.append(utf8: DataValue.decimal(x))
        case let .boolean(b): bool(b)
        case let .date(day): string(day.iso)
        case let .list(items): array(items) { $0.string($1) }
        case .null: null()
        }
    }

    mutating func array<Items: Collection>(_ items: Items, _ element: (inout JSONWriter, Items.Element) -> Void) {
        guard !items.isEmpty else { return bytes.append(contentsOf: "[]".utf8) }
        bytes.append(UInt8(ascii: "["))
        depth += 1
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            newline()
            element(&self, item)
        }
        depth -= 1
        newline()
        bytes.append(UInt8(ascii: "]"))
    }

    /// An object with `keys`' members, in their (sorted) order; `member` writes each one's value.
    mutating func object<Member>(_ keys: JSONKeys<Member>, _ member: (inout JSONWriter, Member) -> Void) {
        guard !keys.sorted.isEmpty else { return bytes.append(contentsOf: "{}".utf8) }
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        for (i, key) in keys.sorted.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            newline()
            bytes.append(contentsOf: key.quoted)
            member(&self, key.member)
        }
        depth -= 1
        newline()
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func newline() {
        let count = 1 + depth * 2
        guard count <= Self.lineBreakAndSpaces.count else {
            bytes.append(0x0A)
            return bytes.append(contentsOf: repeatElement(0x20, count: depth * 2))
        }
        // Copied from one buffer: appending repeated spaces one by one was some 200 instructions a line.
        Self.lineBreakAndSpaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    /// A line break and the indentation of any depth wazi.json's items reach.
    private static let lineBreakAndSpaces: [UInt8] = [0x0A] + Array(repeating: 0x20, count: 32)
}

/// An object's keys, sorted once as `JSONValue` sorts an object's, each with the member it names.
struct JSONKeys<Member: Sendable>: Sendable {
    /// Each key quoted, with its `: `.
    fileprivate let sorted: [(quoted: [UInt8], member: Member)]

    init(_ members: [String: Member]) {
        sorted = members.sorted { $0.key < $1.key }.map { key, member in
            var quoted: [UInt8] = []
            JSONValue.quote(key, into: &quoted)
            return (quoted + Array(": ".utf8), member)
        }
    }
}

extension JSONKeys where Member == String {
    /// Keys named by themselves (e.g. languages).
    init<Names: Sequence<String>>(names: Names) {
        self.init(Dictionary(names.map { ($0, $0) }) { first, _ in first })
    }
}

extension JSONKeys where Member: RawRepresentable<String> & CaseIterable {
    /// Keys named by an enum's cases.
    init() {
        self.init(Dictionary(uniqueKeysWithValues: Member.allCases.map { ($0.rawValue, $0) }))
    }
}
