/// A value the build cache writes and reads by hand: its fields in a fixed order, with no keys and
/// no type information. The generic `Codable` machinery (keyed containers, metadata lookups, casts)
/// was most of the time a rebuild spent taking decoded files from the cache (see `DecodedCache`).
/// Bytes are only read back by the build of wazi that wrote them (the cache's header checks that),
/// so the form needs no versioning of its own; but they may be truncated or damaged, and reading
/// them then throws, never traps.
protocol CacheCodable {
    func write(to writer: inout CacheWriter)
    init(from reader: inout CacheReader) throws
}

extension CacheCodable {
    /// The value's bytes, as one entry of a cache file.
    var cacheBytes: [UInt8] {
        var writer = CacheWriter()
        writer.write(self)
        return writer.bytes
    }

    /// The value written in `range` of `bytes` (all of it, by default), which must hold nothing else.
    init(cacheBytes bytes: [UInt8], in range: Range<Int>? = nil) throws {
        var reader = try CacheReader(bytes, in: range ?? 0..<bytes.count)
        self = try reader.read()
        guard reader.atEnd else { throw CacheReader.Damaged() }
    }
}

/// Appends values to bytes: integers as varints (zigzag for signed ones, so small negatives stay
/// short), fingerprints as 8 bytes little-endian (they are random: a varint would be longer), texts
/// and lists after their count, an optional after a presence byte.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    mutating func write<Value: CacheCodable>(_ value: Value) { value.write(to: &self) }

    mutating func byte(_ byte: UInt8) { bytes.append(byte) }

    mutating func varint(_ number: UInt64) {
        var number = number
        while number >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: number) | 0x80)
            number >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: number))
    }

    mutating func fixed(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func count(_ count: Int) { varint(UInt64(max(0, count))) }

    mutating func text(_ text: String) {
        var text = text
        // Native strings are contiguous already; this copies only a bridged or lazy one.
        text.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
}

/// Reads what `CacheWriter` wrote, from a range of a larger buffer without copying it out. Every
/// read checks the bounds and throws `Damaged` past the end or on a value wazi never writes.
struct CacheReader {
    /// The bytes are not a value this build of wazi wrote (the cache file is truncated or damaged).
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private var offset: Int
    private let end: Int

    init(_ bytes: [UInt8], in range: Range<Int>) throws {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { throw Damaged() }
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
    }

    var atEnd: Bool { offset == end }

    mutating func read<Value: CacheCodable>(_ type: Value.Type = Value.self) throws -> Value {
        try Value(from: &self)
    }

    mutating func byte() throws -> UInt8 {
        guard offset < end else { throw Damaged() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() throws -> UInt64 {
        var number: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            // The tenth byte holds the 64th bit only.
            guard shift < 63 || byte <= 1 else { throw Damaged() }
            number |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return number }
            shift += 7
        }
    }

    mutating func fixed() throws -> UInt64 {
        guard end - offset >= 8 else { throw Damaged() }
        var number: UInt64 = 0
        for i in (offset..<offset + 8).reversed() { number = number << 8 | UInt64(bytes[i]) }
        offset += 8
        return number
    }

    /// A count of bytes or elements: never more than the bytes left, since every element written
    /// takes at least one, so a damaged count cannot make a reader reserve a huge array.
    mutating func count() throws -> Int {
        let count = try varint()
        guard count <= UInt64(end - offset) else { throw Damaged() }
        return Int(count)
    }

    mutating func text() throws -> String {
        let length = try count()
        defer { offset += length }
        // Invalid UTF-8 (damage) becomes replacement characters rather than a failure.
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }
}

// MARK: - The standard library's values

extension String: CacheCodable {
    func write(to writer: inout CacheWriter) { writer.text(self) }
    init(from reader: inout CacheReader) throws { self = try reader.text() }
}

extension Int: CacheCodable {
    func write(to writer: inout CacheWriter) {
        let number = Int64(self)
        writer.varint(UInt64(bitPattern: number << 1 ^ number >> 63))
    }

    init(from reader: inout CacheReader) throws {
        let zigzag = try reader.varint()
        guard let number = Int(exactly: Int64(bitPattern: zigzag >> 1 ^ (0 &- (zigzag & 1)))) else { throw CacheReader.Damaged() }
        self = number
    }
}

/// Fingerprints: 8 bytes.
extension UInt64: CacheCodable {
    func write(to writer: inout CacheWriter) { writer.fixed(self) }
    init(from reader: inout CacheReader) throws { self = try reader.fixed() }
}

extension Bool: CacheCodable {
    func write(to writer: inout CacheWriter) { writer.byte(self ? 1 : 0) }

    init(from reader: inout CacheReader) throws {
        switch try reader.byte() {
        case 0: self = false
        case 1: self = true
        default: throw CacheReader.Damaged()
        }
    }
}

extension Optional: CacheCodable where Wrapped: CacheCodable {
    func write(to writer: inout CacheWriter) {
        switch self {
        case .none: writer.byte(0)
        case .some(let value):
            writer.byte(1)
            writer.write(value)
        }
    }

    init(from reader: inout CacheReader) throws {
        switch try reader.byte() {
        case 0: self = .none
        case 1: self = .some(try reader.read())
        default: throw CacheReader.Damaged()
        }
    }
}

extension Array: CacheCodable where Element: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.count(count)
        for element in self { writer.write(element) }
    }

    init(from reader: inout CacheReader) throws {
        let count = try reader.count()
        self.init()
        reserveCapacity(count)
        for _ in 0..<count { append(try reader.read()) }
    }
}

/// In order, so that the same set always gives the same bytes.
extension Set: CacheCodable where Element: CacheCodable & Comparable {
    func write(to writer: inout CacheWriter) {
        writer.count(count)
        guard count > 1 else { return forEach { writer.write($0) } }
        for element in sorted() { writer.write(element) }
    }

    init(from reader: inout CacheReader) throws {
        let count = try reader.count()
        self.init(minimumCapacity: count)
        for _ in 0..<count {
            guard insert(try reader.read()).inserted else { throw CacheReader.Damaged() }
        }
    }
}

/// Keys in order, each followed by its value, so that the same dictionary always gives the same
/// bytes whatever order its keys were added in.
extension Dictionary: CacheCodable where Key == String, Value: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.count(count)
        let write = { (writer: inout CacheWriter, key: String, value: Value) in
            writer.text(key)
            writer.write(value)
        }
        guard count > 1 else { return forEach { write(&writer, $0.key, $0.value) } }
        for (key, value) in sorted(by: { $0.key < $1.key }) { write(&writer, key, value) }
    }

    init(from reader: inout CacheReader) throws {
        let count = try reader.count()
        self.init(minimumCapacity: count)
        for _ in 0..<count {
            let key = try reader.text()
            guard updateValue(try reader.read(), forKey: key) == nil else { throw CacheReader.Damaged() }
        }
    }
}

/// An enumeration with text codes, by its code: a code this build does not know is damage.
extension CacheCodable where Self: RawRepresentable, RawValue == String {
    func write(to writer: inout CacheWriter) { writer.text(rawValue) }

    init(from reader: inout CacheReader) throws {
        guard let value = Self(rawValue: try reader.text()) else { throw CacheReader.Damaged() }
        self = value
    }
}
