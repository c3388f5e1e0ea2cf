import Foundation

extension String {
    /// Whether some UTF-8 byte of the string passes `test`, read from its contiguous storage:
    /// iterating `utf8` costs several times as much, and this runs on every text of a build.
    @inline(__always) func containsUTF8Byte(where test: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: test) } ?? utf8.contains(where: test)
    }

    /// `replacingOccurrences(of:with:)` that returns at once when `target` cannot be there: Foundation's
    /// version bridges to NSString on Linux, slow for the many short strings of a large build.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard let first = target.utf8.first, containsUTF8Byte(where: { $0 == first }) else { return self }
        return replacingOccurrences(of: target, with: replacement)
    }

    /// Percent-encoded for `allowed`, at once when every byte is a letter, digit or one of `-._~/`
    /// (which every URL component allows): Foundation's version is slow on Linux.
    func percentEncoded(_ allowed: CharacterSet) -> String {
        let plain = !containsUTF8Byte { byte in
            !((byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E || byte == 0x2F)
        }
        return plain ? self : (addingPercentEncoding(withAllowedCharacters: allowed) ?? self)
    }
}
