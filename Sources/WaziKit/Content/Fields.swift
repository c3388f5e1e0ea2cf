import Foundation
import Yams

/// An enumeration written as a code in content (`in-progress`).
public protocol CodeEnum: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

/// A URL from front matter: a web or mail address, or a file published under `files/`.
public enum Link: Hashable, Sendable {
    case external(String)
    /// A path relative to the site root, e.g. `files/minutes.pdf`.
    case sitePath(String)
}

/// Reads the keys of one YAML mapping, keeping the position of each and noting which were read,
/// so that every problem is reported at its line and unknown keys are never silently dropped.
public final class Fields {
    public let source: YAMLSource
    public let log: DiagnosticLog
    /// What the mapping describes, for messages ("milestone", "attendee").
    public let subject: String
    /// Where a missing key is reported: line 1 for a file, the mapping itself when nested.
    public let missingAt: SourceLocation
    let files: Set<String>
    /// The keys in the order written (a repeated key keeps its first place and its last value), and
    /// their nodes. Searched in order: a mapping has a few keys, and hashing each name into a
    /// dictionary cost more than the searches (a large mapping gets an index, see `place`).
    private var keyOrder: [String] = []
    private var pairs: [(key: Node, value: Node)] = []
    private var index: [String: Int]?

    /// Nil (with an error) when `node` is not a mapping.
    public init?(_ node: Node?, source: YAMLSource, log: DiagnosticLog, subject: String,
                 missingAt: SourceLocation? = nil, files: Set<String> = []) {
        self.source = source
        self.log = log
        self.subject = subject
        self.files = files
        self.missingAt = missingAt ?? source.start
        guard let node, case let .mapping(mapping) = node else {
            let found = node.map(Fields.describe) ?? "nothing"
            log.error(node.map { source.location($0.mark) } ?? source.start,
                      "\(subject) must be a mapping of keys to values, not \(found)")
            return nil
        }
        keyOrder.reserveCapacity(mapping.count)
        pairs.reserveCapacity(mapping.count)
        if mapping.count > Self.searchedKeys { index = [:] }
        for (key, value) in mapping {
            let name = key.string ?? "\(key)"
            if let place = place(of: name) {
                pairs[place] = (key, value)
            } else {
                index?[name] = keyOrder.count
                keyOrder.append(name)
                pairs.append((key, value))
            }
        }
    }

    /// Up to this many keys, a mapping's keys are searched rather than indexed.
    private static let searchedKeys = 16

    private func place(of name: String) -> Int? {
        if let index { return index[name] }
        let length = name.utf8.count
        for place in keyOrder.indices where keyOrder[place].utf8.count == length && keyOrder[place] == name { return place }
        return nil
    }

    private subscript(entry name: String) -> (key: Node, value: Node)? { place(of: name).map { pairs[$0] } }

    public var keys: [String] { keyOrder }

    public func has(_ key: String) -> Bool { place(of: key) != nil }

    /// Where `key` is written, or where a missing key is reported.
    public func location(of key: String) -> SourceLocation {
        self[entry: key].map { source.location($0.key.mark) } ?? missingAt
    }

    public func location(ofValue key: String) -> SourceLocation {
        self[entry: key].map { source.location($0.value.mark) } ?? missingAt
    }

    /// The value node, or nil when absent or null; a required key that is absent is an error.
    public func node(_ key: String, required: Bool = false) -> Node? {
        let entry = self[entry: key]
        guard let entry, !Self.isNull(entry.value) else {
            if required {
                let reason = entry == nil ? "missing required key '\(key)'" : "required key '\(key)' has no value"
                log.error(location(of: key), "\(reason) in \(subject)")
            }
            return nil
        }
        return entry.value
    }

    public func text(_ key: String, required: Bool = false) -> String? {
        guard let node = node(key, required: required) else { return nil }
        guard case let .scalar(scalar) = node else {
            return typeError(key, node, expected: "text")
        }
        let value = scalar.string.trimmed
        if value.isEmpty {
            if required { log.error(location(ofValue: key), "'\(key)' must not be empty") }
            return nil
        }
        return value
    }

    public func integer(_ key: String, required: Bool = false) -> Int? {
        guard let node = node(key, required: required) else { return nil }
        guard case let .scalar(scalar) = node, let value = Int(scalar.string) else {
            return typeError(key, node, expected: "a whole number")
        }
        return value
    }

    public func bool(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        guard case let .scalar(scalar) = node, ["true", "false"].contains(scalar.string.lowercased()) else {
            return typeError(key, node, expected: "true or false")
        }
        return scalar.string.lowercased() == "true"
    }

    /// A day, `YYYY-MM-DD`.
    public func day(_ key: String, required: Bool = false) -> Day? {
        guard let string = dateText(key, required: required) else { return nil }
        if let day = Day(iso: string) { return day }
        log.error(location(ofValue: key), dateProblem(key, string, monthAllowed: false))
        return nil
    }

    /// A plan date: `YYYY-MM` (month precision) or `YYYY-MM-DD`.
    public func planDate(_ key: String, required: Bool = false) -> PlanDate? {
        guard let string = dateText(key, required: required) else { return nil }
        if let date = PlanDate(iso: string) { return date }
        log.error(location(ofValue: key), dateProblem(key, string, monthAllowed: true))
        return nil
    }

    /// Local time `HH:MM`.
    public func time(_ key: String) -> ClockTime? {
        guard let string = dateText(key, required: false) else { return nil }
        if let time = ClockTime(string) { return time }
        log.error(location(ofValue: key), "'\(key)' must be a time HH:MM (00:00 to 23:59), not '\(string)'")
        return nil
    }

    public func code<T: CodeEnum>(_ key: String, as type: T.Type, required: Bool = false) -> T? {
        guard let node = node(key, required: required) else { return nil }
        guard case let .scalar(scalar) = node else { return typeError(key, node, expected: "one of \(Self.list(T.self))") }
        if let value = T(rawValue: scalar.string) { return value }
        log.error(source.location(node.mark), "\(key) '\(scalar.string)' is not one of \(Self.list(T.self))")
        return nil
    }

    /// Where each text item of a list is (the first, for repeated items); reports nothing.
    func itemLocations(_ key: String) -> [String: SourceLocation] {
        guard let node = self[entry: key]?.value, case let .sequence(sequence) = node else { return [:] }
        var out: [String: SourceLocation] = [:]
        for item in sequence {
            guard case let .scalar(scalar) = item else { continue }
            let text = scalar.string.trimmed
            if out[text] == nil { out[text] = source.location(item.mark) }
        }
        return out
    }

    /// A list of text items; each item's position is kept for later checks.
    public func textList(_ key: String) -> [(text: String, location: SourceLocation)] {
        guard let node = node(key) else { return [] }
        guard case let .sequence(sequence) = node else {
            return typeError(key, node, expected: "a list") ?? []
        }
        var out: [(String, SourceLocation)] = []
        for item in sequence {
            guard case let .scalar(scalar) = item else {
                log.error(source.location(item.mark), "each item of '\(key)' must be text, not \(Self.describe(item))")
                continue
            }
            let value = scalar.string.trimmed
            if value.isEmpty || Self.isNull(item) {
                log.error(source.location(item.mark), "'\(key)' has an empty item")
                continue
            }
            out.append((value, source.location(item.mark)))
        }
        return out
    }

    public func codeList<T: CodeEnum>(_ key: String, as type: T.Type) -> [T] {
        textList(key).compactMap { item in
            if let value = T(rawValue: item.text) { return value }
            log.error(item.location, "\(key) '\(item.text)' is not one of \(Self.list(T.self))")
            return nil
        }
    }

    public func link(_ key: String, required: Bool = false) -> Link? {
        guard let string = text(key, required: required) else { return nil }
        return checkLink(string, at: location(ofValue: key), key: key)
    }

    /// Checks a URL: only https, http, mailto or a path to a published file.
    public func checkLink(_ string: String, at location: SourceLocation, key: String) -> Link? {
        if Self.hasSpaceOrControl(string) {
            log.error(location, "\(key) '\(string)' contains spaces or control characters; encode them (%20)")
            return nil
        }
        if let colon = string.firstIndex(of: ":"),
           !string[..<colon].contains("/"), !string[..<colon].contains("?"), !string[..<colon].contains("#") {
            let scheme = string[..<colon].lowercased()
            guard ["https", "http", "mailto"].contains(scheme) else {
                log.error(location, "\(key) '\(string)' uses the scheme '\(scheme)'; only https, http, mailto and relative paths are allowed")
                return nil
            }
            if scheme != "mailto", !string.dropFirst(scheme.count + 1).hasPrefix("//") {
                log.error(location, "\(key) '\(string)' is not a valid \(scheme) URL")
                return nil
            }
            return .external(string)
        }
        if string.hasPrefix("//") {
            log.error(location, "\(key) '\(string)' has no scheme; write https://…")
            return nil
        }
        let path = String(string.drop { $0 == "/" })
        let plain = path.split(separator: "#").first.map(String.init) ?? path
        let segments = plain.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains("..") || segments.contains(".") {
            log.error(location, "\(key) '\(string)' must not contain '.' or '..' segments")
            return nil
        }
        // Only a path with an escape needs decoding (Foundation's decoding is slow, and links are many).
        let file = plain.utf8.contains(UInt8(ascii: "%")) ? plain.removingPercentEncoding ?? plain : plain
        guard files.contains(file) else {
            log.error(location, "\(key) '\(string)' names no file in content/files/ (a relative URL is relative to the site root, e.g. files/minutes.pdf)")
            return nil
        }
        return .sitePath(path)
    }

    /// Whether `string` has whitespace (Unicode's) or an ASCII control character. ASCII text, most
    /// links, is checked on its bytes; asking each Character for its properties cost far more.
    static func hasSpaceOrControl(_ string: String) -> Bool {
        if !string.containsUTF8Byte(where: { $0 >= 0x80 }) {
            return string.containsUTF8Byte { $0 <= 0x20 || $0 == 0x7F }
        }
        return string.contains { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }
    }

    /// A nested mapping.
    public func map(_ key: String, subject: String, required: Bool = false) -> Fields? {
        guard let node = node(key, required: required) else { return nil }
        return Fields(node, source: source, log: log, subject: subject,
                      missingAt: source.location(node.mark), files: files)
    }

    /// A list of mappings (updates, attendees, action items, documents).
    public func mapList(_ key: String, subject: String) -> [Fields] {
        guard let node = node(key) else { return [] }
        guard case let .sequence(sequence) = node else {
            return typeError(key, node, expected: "a list") ?? []
        }
        return sequence.compactMap {
            Fields($0, source: source, log: log, subject: subject, missingAt: source.location($0.mark), files: files)
        }
    }

    /// Reports every key not in `allowed`, with the nearest allowed key as a suggestion.
    public func rejectUnknownKeys(allowed: [String]) {
        for key in keyOrder where !allowed.contains(key) {
            var message = "unknown key '\(key)' in \(subject)"
            if let near = Self.nearest(key, in: allowed) {
                message += "; did you mean '\(near)'?"
            } else {
                message += " (allowed: \(allowed.joined(separator: ", ")))"
            }
            log.error(location(of: key), message)
        }
    }

    // MARK: - Helpers

    private func dateText(_ key: String, required: Bool) -> String? {
        guard let node = node(key, required: required) else { return nil }
        guard case let .scalar(scalar) = node else { return typeError(key, node, expected: "a date") }
        return scalar.string.trimmed
    }

    private func dateProblem(_ key: String, _ value: String, monthAllowed: Bool) -> String {
        let forms = monthAllowed ? "YYYY-MM or YYYY-MM-DD" : "YYYY-MM-DD"
        let shaped = value.range(of: monthAllowed ? #"^\d{4}-\d{2}(-\d{2})?$"# : #"^\d{4}-\d{2}-\d{2}$"#,
                                 options: .regularExpression) != nil
        return shaped ? "'\(key)' \(value) is not a real date"
                      : "'\(key)' must be a date \(forms), not '\(value)'"
    }

    @discardableResult
    private func typeError<T>(_ key: String, _ node: Node, expected: String) -> T? {
        log.error(source.location(node.mark), "'\(key)' must be \(expected), not \(Self.describe(node))")
        return nil
    }

    /// YAML's null: an empty plain scalar, `~` or `null` (as YAML 1.2's core schema writes it).
    static func isNull(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case let .scalar(scalar): return "'\(scalar.string)'"
        case .alias: return "an alias"
        }
    }

    static func list<T: CodeEnum>(_ type: T.Type) -> String {
        T.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// The allowed key closest to a misspelt one, if it is close enough to be a typo.
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, word.count / 3) ? best.0 : nil
    }

    /// Edits between two words, a swap of neighbours counting as one (the commonest typo).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}

extension String {
    /// Without leading and trailing white space. (Foundation's trimmingCharacters bridges to NSString
    /// on Linux and was a sixth of the time spent reading a large site.)
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
