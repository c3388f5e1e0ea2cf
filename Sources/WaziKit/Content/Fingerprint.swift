/// A fast, stable 64-bit fingerprint of texts and numbers, for the incremental build cache: the same
/// input gives the same value on every run and machine (unlike Swift's seeded Hasher). Texts are
/// folded in eight bytes at a time (wyhash's multiply-fold); numbers byte by byte (FNV-1a).
public struct Fingerprint: Sendable, Equatable {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public init(_ start: UInt64) {
        add(start)
    }

    public static func of(_ text: String) -> UInt64 {
        var print = Fingerprint()
        print.add(text)
        return print.value
    }

    public mutating func add(_ text: String) {
        var text = text
        // Over the contiguous bytes: every content file and every item of wazi.json passes here, and
        // hashing them a byte at a time was 3 % of a full build.
        value = text.withUTF8 { Self.fold(value, UnsafeRawBufferPointer($0)) }
        mix(0xFF)  // separator: "ab"+"c" differs from "a"+"bc"
    }

    /// The fingerprint of a text given as its UTF-8 bytes: the same as `of(_:)` of the text.
    static func of(utf8 bytes: ArraySlice<UInt8>) -> UInt64 {
        var print = Fingerprint()
        print.value = bytes.withUnsafeBytes { fold(print.value, $0) }
        print.mix(0xFF)
        return print.value
    }

    /// `hash` with `bytes` folded in: each little-endian word, then the last bytes with the length.
    static func fold(_ hash: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = hash
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = multiplyFold(hash ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                                0x9E37_79B9_7F4A_7C15)
            offset += 8
        }
        var tail: UInt64 = 0
        for (index, byte) in bytes[offset...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(index)) }
        return multiplyFold(hash ^ tail, 0xA076_1D64_78BD_642F ^ UInt64(truncatingIfNeeded: bytes.count))
    }

    /// The high and low halves of the 128-bit product, combined.
    private static func multiplyFold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    public mutating func add(_ number: UInt64) {
        var n = number
        for _ in 0..<8 {
            mix(UInt8(truncatingIfNeeded: n))
            n >>= 8
        }
    }

    private mutating func mix(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// Sixteen hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
