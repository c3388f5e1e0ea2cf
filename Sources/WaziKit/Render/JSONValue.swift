import Foundation

/// A JSON document written the same way every time: keys sorted, two-space indent,
/// `null` kept, slashes not escaped, numbers as given.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number already formatted (e.g. `0.1667`).
    case number(String)
    case string(String)
    /// A string given as its UTF-8 bytes (a body read from its file).
    case utf8([UInt8])
    case array([JSONValue])
    case object([String: JSONValue])

    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    static func optional(utf8 bytes: [UInt8]?) -> JSONValue { bytes.map(JSONValue.utf8) ?? .null }

    /// The value of a table cell: lists become arrays, empty cells `null`.
    init(_ value: DataValue) {
        switch value {
        case let .text(text): self = .string(text)
        case let .integer(n): self = .int(n)
        case let .number(x): self = .number(DataValue.decimal(x))
        case let .boolean(b): self = .bool(b)
        case let .date(day): self = .string(day.iso)
        case let .list(items): self = .array(items.map(JSONValue.string))
        case .null: self = .null
        }
    }

    /// Pretty-printed text with a final newline.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Pretty-printed UTF-8 with a final newline. (Written as bytes: wazi.json holds every body.)
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: 0, pretty: true)
        out.append(0x0A)
        return out
    }

    /// One line, for files read by scripts (the search index).
    public var compactBytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: 0, pretty: false)
        return out
    }

    /// For JSON-LD inside `<script>`: one line, and `<`, `>`, `&` escaped so `</script>` cannot close it.
    public var scriptSafeText: String {
        var out: [UInt8] = []
        write(into: &out, indent: 0, pretty: false)
        var safe: [UInt8] = []
        safe.reserveCapacity(out.count)
        for byte in out {
            switch byte {
            case UInt8(ascii: "<"): safe += Array("\\u003c".utf8)
            case UInt8(ascii: ">"): safe += Array("\\u003e".utf8)
            case UInt8(ascii: "&"): safe += Array("\\u0026".utf8)
            default: safe.append(byte)
            }
        }
        return String(decoding: safe, as: UTF8.self)
    }

    func write(into out: inout [UInt8], indent: Int, pretty: Bool) {
        func newline(_ level: Int) {
            guard pretty else { return }
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: level * 2))
        }
        // Appending the UTF-8 views directly: an Array made for each literal was much of a large file's cost.
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .int(n): out.append(utf8: String(n))
        case let .number(text): out.append(utf8: text)
        case let .string(s): Self.quote(s, into: &out)
        case let .utf8(bytes): bytes.withUnsafeBufferPointer { Self.quote(utf8: $0, into: &out) }
        case let .array(items):
            guard !items.isEmpty else { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                item.write(into: &out, indent: indent + 1, pretty: pretty)
            }
            newline(indent)
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            guard !members.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                Self.quote(key, into: &out)
                if pretty { out.append(contentsOf: ": ".utf8) } else { out.append(UInt8(ascii: ":")) }
                value.write(into: &out, indent: indent + 1, pretty: pretty)
            }
            newline(indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An array too large to hold as one tree: its elements are made one at a time as it is written,
    /// each as its bytes at its depth (`write(into:indent: 2, pretty: true)`). `placed` learns where
    /// each element went; `previous` gives elements the previous document holds unchanged, copied
    /// from it instead of made.
    struct LargeArray {
        let count: Int
        /// Appends the element's bytes to the buffer given.
        let element: (_ index: Int, _ into: inout [UInt8]) -> Void
        var placed: (_ index: Int, _ bytes: Range<Int>) -> Void = { _, _ in }
        var previous: PreviousDocument?
    }

    /// A document this writer wrote before, whose unchanged elements are copied as they are (see
    /// `JSONRecords`): elements that lay one after the other there (with the separator this writer
    /// puts between them) are copied in one piece.
    struct PreviousDocument {
        /// The element's bytes in the previous document, when it is unchanged.
        let place: (_ index: Int) -> Range<Int>?
        /// Whether these bytes of the previous document look like whole elements (see `JSONRecords.looksLikeItems`).
        let looksLikeItems: (_ bytes: Range<Int>) -> Bool
        /// Appends these bytes of the previous document, `elements` elements, to the stream; false
        /// when they cannot be read.
        let copy: (_ bytes: Range<Int>, _ elements: Int, _ to: ByteStream) -> Bool
    }

    private static let firstElement = Array("\n    ".utf8)
    private static let nextElement = Array(",\n    ".utf8)

    /// Writes a pretty-printed object with a final newline into `stream`; the `large` members' elements
    /// are made, written and dropped one by one, so the document is never held whole.
    static func writeObject(_ members: [String: JSONValue], large: [String: LargeArray], to stream: ByteStream) {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (i, key) in Set(members.keys).union(large.keys).sorted().enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("\n  ".utf8)
            quote(key, into: &out)
            out += Array(": ".utf8)
            if let value = members[key] {
                value.write(into: &out, indent: 1, pretty: true)
            } else if let array = large[key], array.count > 0 {
                out.append(UInt8(ascii: "["))
                let runs = array.previous.map { copiedRuns(array.count, $0) } ?? [:]
                var index = 0
                while index < array.count {
                    out += index > 0 ? nextElement : firstElement
                    let start = stream.count + out.count
                    if let run = runs[index], let previous = array.previous {
                        stream.append(out)
                        out.removeAll(keepingCapacity: true)
                        // Not copied: the stream has failed, and with it the file (see `ByteStream.copy`).
                        if !previous.copy(run.bytes, run.end - index, stream) { return }
                        for (element, place) in zip(index..., run.places) {
                            let at = start + place.lowerBound - run.bytes.lowerBound
                            array.placed(element, at..<at + place.count)
                        }
                        index = run.end
                        continue
                    }
                    array.element(index, &out)
                    array.placed(index, start..<stream.count + out.count)
                    stream.append(out)
                    out.removeAll(keepingCapacity: true)
                    index += 1
                }
                out += Array("\n  ]".utf8)
            } else {
                out += Array("[]".utf8)
            }
        }
        out += Array("\n}\n".utf8)
        stream.append(out)
    }

    /// The elements copied from the previous document, by the first of each run: elements that were
    /// next to each other there (separated as this writer separates them) form one run, copied in
    /// one piece; a run whose bytes do not look like elements is made again.
    /// Each run keeps its elements' places, so that they are looked up once.
    private static func copiedRuns(_ count: Int, _ previous: PreviousDocument) -> [Int: Run] {
        var runs: [Int: Run] = [:]
        var first = 0
        var place = count > 0 ? previous.place(0) : nil
        while first < count {
            guard let start = place else {
                first += 1
                place = first < count ? previous.place(first) : nil
                continue
            }
            var run = Run(end: first + 1, bytes: start, places: [start])
            place = run.end < count ? previous.place(run.end) : nil
            while let next = place, next.lowerBound == run.bytes.upperBound + nextElement.count {
                run.bytes = run.bytes.lowerBound..<next.upperBound
                run.places.append(next)
                run.end += 1
                place = run.end < count ? previous.place(run.end) : nil
            }
            if previous.looksLikeItems(run.bytes) { runs[first] = run }
            first = run.end
        }
        return runs
    }

    /// Elements copied in one piece: up to `end` (excluded), `bytes` of the previous document, each at its place there.
    private struct Run {
        var end: Int
        var bytes: Range<Int>
        var places: [Range<Int>]
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string: quotes, backslashes and control characters escaped; `/` and non-ASCII as they are,
    /// except U+2028 and U+2029, which JavaScript does not allow raw in strings.
    static func quote(_ s: String, into out: inout [UInt8]) {
        var text = s
        text.withUTF8 { quote(utf8: $0, into: &out) }
    }

    static func quote(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // The runs between escapes are copied whole (wazi.json holds every body).
        var run = 0
        var i = firstToLookAt(bytes, from: 0)
        func escape(_ replacement: StaticString, skipping count: Int) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            i += count
            run = i
        }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""): escape("\\\"", skipping: 1)
            case 0x5C: escape("\\\\", skipping: 1)
            case 0x0A: escape("\\n", skipping: 1)
            case 0x0D: escape("\\r", skipping: 1)
            case 0x09: escape("\\t", skipping: 1)
            case let byte where byte < 0x20:
                escape("\\u00", skipping: 1)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; other characters starting with E2 (–, ’, …) stay as they are.
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xA8:
                escape("\\u2028", skipping: 3)
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xA9:
                escape("\\u2029", skipping: 3)
            default: i += 1
            }
            i = firstToLookAt(bytes, from: i)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        out.append(UInt8(ascii: "\""))
    }

    /// The index of the first byte from `start` on that `quote` must look at (a control character,
    /// `"`, `\`, or E2, which starts U+2028 and U+2029), or the count. Eight bytes are tested at once:
    /// every body is in wazi.json, and bodies are long and mostly plain.
    @inline(__always)
    private static func firstToLookAt(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            // Some high bit of a byte is set in `below(n, word)` if and only if some byte of `word` is less
            // than `n` (at most 0x80): subtracting `n` from the lowest such byte sets its high bit.
            func below(_ n: UInt64, _ word: UInt64) -> UInt64 { (word &- ones &* n) & ~word }
            while i + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let found = below(0x20, word) | below(1, word ^ (ones &* 0x22)) | below(1, word ^ (ones &* 0x5C))
                    | below(1, word ^ (ones &* 0xE2))
                if found & (ones &* 0x80) != 0 { break }
                i += 8
            }
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 { return i }
            i += 1
        }
        return i
    }
}
