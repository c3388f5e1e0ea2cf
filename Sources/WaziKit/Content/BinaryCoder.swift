import Foundation

/// A compact binary form of Codable values, for the build cache: fields in declaration order with no
/// keys (a value is read back only by the same build of wazi, as the cache's header checks), numbers
/// as 8 bytes, texts as length and UTF-8, an optional (and any single value) after a presence byte,
/// a list as its count and its elements, an enumeration's case by name. Several times faster than
/// JSON for the thousands of decoded content files a rebuild takes from the cache instead of parsing
/// YAML. With no keys there are no dictionaries: a type holding one encodes it as a `KeyedList`;
/// the round trip of every example file is tested.
enum BinaryCoder {
    struct Failure: Error {}

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = BinaryEncoder()
        try encoder.encodeValue(value)
        return encoder.buffer.bytes
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try decode(type, from: bytes, in: 0..<bytes.count)
    }

    /// A value written into `range` of a larger buffer (read without copying it out).
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], in range: Range<Int>) throws -> T {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { throw Failure() }
        let decoder = BinaryDecoder(BinaryDecoder.Input(bytes, range))
        let value = try decoder.decodeValue(T.self)
        guard decoder.input.offset == range.upperBound else { throw Failure() }
        return value
    }
}

/// A dictionary with text keys as two lists, the keys sorted and their values: the form a type
/// holding a dictionary gives the build cache, whose binary form has none (see `BinaryCoder`).
struct KeyedList<Value: Codable>: Codable {
    let dictionary: [String: Value]

    init(_ dictionary: [String: Value]) { self.dictionary = dictionary }

    private enum CodingKeys: String, CodingKey { case keys, values }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let keys = dictionary.keys.sorted()
        try container.encode(keys, forKey: .keys)
        try container.encode(keys.compactMap { dictionary[$0] }, forKey: .values)
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let keys = try container.decode([String].self, forKey: .keys)
        let values = try container.decode([Value].self, forKey: .values)
        guard keys.count == values.count else {
            throw DecodingError.dataCorruptedError(forKey: .values, in: container, debugDescription: "one value per key")
        }
        dictionary = Dictionary(zip(keys, values)) { first, _ in first }
    }
}

/// A value in the default language and its translations by language: how `Localized` and
/// `MarkdownSource` are kept in the build cache.
struct TranslatedForm<Value: Codable>: Codable {
    let base: Value
    let translations: KeyedList<Value>

    init(_ base: Value, _ translations: [String: Value]) {
        self.base = base
        self.translations = KeyedList(translations)
    }
}

final class BinaryEncoder: Encoder {
    final class Buffer {
        var bytes: [UInt8] = []
        func add(_ number: UInt64) { withUnsafeBytes(of: number.littleEndian) { bytes += $0 } }
        func add(_ text: String) {
            add(UInt64(text.utf8.count))
            bytes += text.utf8
        }
    }

    let buffer: Buffer
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(_ buffer: Buffer = Buffer()) { self.buffer = buffer }

    func encodeValue<T: Encodable>(_ value: T) throws {
        // The common types by identity, not by casts to protocols: looking conformances up was most
        // of the time of encoding. (By identity, an optional is never taken for its wrapped type.)
        if T.self == String.self, let text = value as? String { return buffer.add(text) }
        if T.self == Int.self, let number = value as? Int { return buffer.add(UInt64(bitPattern: Int64(number))) }
        if T.self == Bool.self, let flag = value as? Bool { return buffer.bytes.append(flag ? 1 : 0) }
        if T.self == UInt64.self, let number = value as? UInt64 { return buffer.add(number) }
        if T.self == Double.self, let number = value as? Double { return buffer.add(number.bitPattern) }
        try value.encode(to: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(encoder: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer { Unkeyed(encoder: self) }
    func singleValueContainer() -> SingleValueEncodingContainer { Single(encoder: self) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: BinaryEncoder
        var codingPath: [CodingKey] = []
        mutating func encodeNil(forKey key: Key) throws { encoder.buffer.bytes.append(0) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoder.encodeValue(value) }
        // The common types without the generic path.
        mutating func encode(_ value: String, forKey key: Key) throws { encoder.buffer.add(value) }
        mutating func encode(_ value: Int, forKey key: Key) throws { encoder.buffer.add(UInt64(bitPattern: Int64(value))) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.buffer.bytes.append(value ? 1 : 0) }
        // Every optional field, whatever its type, as a presence byte then the value.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encoder.optional(value) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encoder.optional(value) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encoder.optional(value) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encoder.optional(value) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encoder.optional(value) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encoder.optional(value) }
        // Only an enumeration's case uses a nested container (its payload): the case's name goes first,
        // for the reader's `allKeys`.
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey> {
            encoder.buffer.add(key.stringValue)
            return encoder.container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            encoder.buffer.add(key.stringValue)
            return encoder.unkeyedContainer()
        }
        mutating func superEncoder() -> Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> Encoder { encoder }
    }

    /// Elements after a count that each one written brings up to date.
    struct Unkeyed: UnkeyedEncodingContainer {
        let encoder: BinaryEncoder
        let countAt: Int
        var codingPath: [CodingKey] = []
        private(set) var count = 0

        init(encoder: BinaryEncoder) {
            self.encoder = encoder
            countAt = encoder.buffer.bytes.count
            encoder.buffer.add(0)
        }

        private mutating func counted() {
            count += 1
            withUnsafeBytes(of: UInt64(count).littleEndian) { raw in
                for (i, byte) in raw.enumerated() { encoder.buffer.bytes[countAt + i] = byte }
            }
        }

        mutating func encodeNil() throws {
            encoder.buffer.bytes.append(0)
            counted()
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try encoder.encodeValue(value)
            counted()
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            counted()
            return encoder.container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            counted()
            return encoder.unkeyedContainer()
        }

        mutating func superEncoder() -> Encoder { encoder }
    }

    /// A single value after a presence byte: an optional, wherever it is, writes itself through one.
    struct Single: SingleValueEncodingContainer {
        let encoder: BinaryEncoder
        var codingPath: [CodingKey] = []
        mutating func encodeNil() throws { encoder.buffer.bytes.append(0) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            encoder.buffer.bytes.append(1)
            try encoder.encodeValue(value)
        }
    }

    fileprivate func optional<T: Encodable>(_ value: T?) throws {
        guard let value else {
            buffer.bytes.append(0)
            return
        }
        buffer.bytes.append(1)
        try encodeValue(value)
    }
}

final class BinaryDecoder: Decoder {
    final class Input {
        let bytes: [UInt8]
        var offset: Int
        let end: Int

        init(_ bytes: [UInt8], _ range: Range<Int>) {
            self.bytes = bytes
            offset = range.lowerBound
            end = range.upperBound
        }

        func byte() throws -> UInt8 {
            guard offset < end else { throw BinaryCoder.Failure() }
            defer { offset += 1 }
            return bytes[offset]
        }

        func number() throws -> UInt64 {
            guard end - offset >= 8 else { throw BinaryCoder.Failure() }
            var value: UInt64 = 0
            for i in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
            offset += 8
            return value
        }

        func count() throws -> Int {
            let value = try number()
            guard value <= UInt64(end - offset) else { throw BinaryCoder.Failure() }
            return Int(value)
        }

        /// The text at the current place, not read.
        func peekText() -> String? {
            let start = offset
            defer { offset = start }
            return try? text()
        }

        func text() throws -> String {
            let length = try count()
            defer { offset += length }
            return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
        }
    }

    let input: Input
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(_ input: Input) { self.input = input }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        // As in `BinaryEncoder.encodeValue`: the common types by identity first.
        let value: Any
        if T.self == String.self {
            value = try input.text()
        } else if T.self == Int.self {
            value = Int(Int64(bitPattern: try input.number()))
        } else if T.self == Bool.self {
            value = try input.byte() != 0
        } else if T.self == UInt64.self {
            value = try input.number()
        } else if T.self == Double.self {
            value = Double(bitPattern: try input.number())
        } else {
            return try T(from: self)
        }
        guard let typed = value as? T else { throw BinaryCoder.Failure() }
        return typed
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer { try Unkeyed(decoder: self) }
    func singleValueContainer() throws -> SingleValueDecodingContainer { Single(decoder: self) }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: BinaryDecoder
        var codingPath: [CodingKey] = []
        /// Asked only by an enumeration, for its case (see the encoder's `nestedContainer`).
        var allKeys: [Key] { decoder.input.peekText().flatMap(Key.init(stringValue:)).map { [$0] } ?? [] }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { try decoder.input.byte() == 0 }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder.decodeValue(type) }
        // The common types without the generic path.
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.input.text() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { Int(Int64(bitPattern: try decoder.input.number())) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.input.byte() != 0 }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try decoder.optional(type) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decoder.optional(type) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decoder.optional(type) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decoder.optional(type) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decoder.optional(type) }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decoder.optional(type) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey> {
            guard try decoder.input.text() == key.stringValue else { throw BinaryCoder.Failure() }
            return try decoder.container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
            guard try decoder.input.text() == key.stringValue else { throw BinaryCoder.Failure() }
            return try decoder.unkeyedContainer()
        }
        func superDecoder() throws -> Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> Decoder { decoder }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: BinaryDecoder
        var codingPath: [CodingKey] = []
        let count: Int?
        private(set) var currentIndex = 0
        var isAtEnd: Bool { currentIndex >= (count ?? 0) }

        init(decoder: BinaryDecoder) throws {
            self.decoder = decoder
            count = try decoder.input.count()
        }

        // An optional element reads its own presence byte (see the single-value containers).
        mutating func decodeNil() throws -> Bool { false }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            guard !isAtEnd else { throw BinaryCoder.Failure() }
            currentIndex += 1
            return try decoder.decodeValue(type)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            currentIndex += 1
            return try decoder.container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
            currentIndex += 1
            return try decoder.unkeyedContainer()
        }

        mutating func superDecoder() throws -> Decoder { decoder }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: BinaryDecoder
        var codingPath: [CodingKey] = []

        /// Reads the presence byte only when it says nil; `decode` reads it otherwise.
        func decodeNil() -> Bool {
            let input = decoder.input
            guard input.offset < input.end, input.bytes[input.offset] == 0 else { return false }
            input.offset += 1
            return true
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            guard try decoder.input.byte() == 1 else { throw BinaryCoder.Failure() }
            return try decoder.decodeValue(type)
        }
    }

    fileprivate func optional<T: Decodable>(_ type: T.Type) throws -> T? {
        switch try input.byte() {
        case 0: return nil
        case 1: return try decodeValue(type)
        default: throw BinaryCoder.Failure()
        }
    }
}
