/// A value the build cache writes and reads by hand: its fields in a fixed order, with no keys and
/// no type information. The generic `Codable` machinery (keyed containers, metadata lookups, casts)
/// was most of the time a rebuild spent taking decoded files from the cache (see `DecodedCache`).
/// Bytes are only read back by the build of wazi that wrote them (the cache's header checks that),
/// so fields carry no names or versions; but a file may be truncated or damaged, and reading it then
/// throws, never traps.
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
        try self.init(cacheBytes: bytes[try CacheReader.checked(range ?? 0..<bytes.count, in: bytes)])
    }

    /// The value written in `bytes` (a part of a larger buffer), which must hold nothing else.
    init(cacheBytes bytes: ArraySlice<UInt8>) throws {
        var reader = CacheReader(bytes)
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

    /// Bytes as they are (their count written before, by the caller).
    mutating func raw(_ more: [UInt8]) { bytes.append(contentsOf: more) }

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

    /// Indexed as the whole buffer is.
    private let bytes: ArraySlice<UInt8>
    private var offset: Int
    private let end: Int

    init(_ bytes: [UInt8], in range: Range<Int>) throws {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { throw Damaged() }
        self.init(bytes[range])
    }

    /// All of `bytes`, a part of a larger buffer (it is not copied out).
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
        end = bytes.endIndex
    }

    var atEnd: Bool { offset == end }

    /// `range` when it is within `bytes`.
    static func checked(_ range: Range<Int>, in bytes: [UInt8]) throws -> Range<Int> {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { throw Damaged() }
        return range
    }

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

    /// The next `count` bytes, as they are.
    mutating func raw(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= end - offset else { throw Damaged() }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Passes over a text without making it.
    mutating func skipText() throws {
        offset += try count()
    }

    mutating func text() throws -> String {
        let length = try count()
        defer { offset += length }
        // Invalid UTF-8 (damage) becomes replacement characters rather than a failure.
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }
}
