/// How the standard library's values are kept in the build cache (see `CacheCodable`).

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
        // Sorting is skipped for the many empty and one-element sets.
        if count > 1 {
            for element in sorted() { writer.write(element) }
        } else {
            for element in self { writer.write(element) }
        }
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
        // Sorting is skipped for the many empty and one-key dictionaries (translations, places).
        if count > 1 {
            for (key, value) in sorted(by: { $0.key < $1.key }) {
                writer.text(key)
                writer.write(value)
            }
        } else {
            for (key, value) in self {
                writer.text(key)
                writer.write(value)
            }
        }
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
