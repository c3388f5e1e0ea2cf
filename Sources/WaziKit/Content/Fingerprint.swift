/// A fast, stable 64-bit fingerprint (FNV-1a) of texts and numbers, for the incremental build cache:
/// the same input gives the same value on every run and machine (unlike Swift's seeded Hasher).
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
        // Over the contiguous bytes, in a local: iterating `utf8` directly was ~30 instructions a byte.
        value = text.withUTF8 { bytes in
            var hash = value
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            return hash
        }
        mix(0xFF)  // separator: "ab"+"c" differs from "a"+"bc"
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
