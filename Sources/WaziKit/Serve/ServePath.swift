import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a request target names inside the served folder.
public enum ServedPath: Equatable, Sendable {
    /// A regular file inside the served folder: its real (symlink-free) absolute path.
    case file(String)
    /// A folder asked for without its trailing slash: where to send the browser, so that the
    /// relative links of its index.html resolve against the folder.
    case redirect(String)
    case notFound
    case badRequest
}

/// Maps request targets to files of the served folder, and nothing outside it.
///
/// The target comes from the network, so every step is strict rather than forgiving: a percent
/// sequence that does not decode, a decoded separator (`%2f`, `%5c`), a dot segment in any encoding,
/// a control character or NUL is refused outright instead of being normalised, and what is left is
/// checked once more after the kernel has resolved every symlink, so a link that leads out of the
/// folder is answered 404 like a missing file.
public enum ServePath {
    public static func resolve(target: String, root: String) -> ServedPath {
        var path = Substring(target)
        // Absolute-form (`GET http://host/path`, RFC 9112 §3.2.2): only the path counts.
        if let scheme = path.range(of: "://"), path[..<scheme.lowerBound].lowercased().hasPrefix("http") {
            let rest = path[scheme.upperBound...]
            path = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        guard path.hasPrefix("/") else { return .badRequest }
        // Raw bytes: no controls, no backslash (a separator on other systems, and never in a wazi URL).
        guard !path.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }) else { return .badRequest }

        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = percentDecoded(raw) else { return .badRequest }
            guard decoded != ".", decoded != "..", !decoded.unicodeScalars.contains(where: isForbidden) else {
                return .badRequest
            }
            segments.append(decoded)
        }
        let trailingSlash = path.hasSuffix("/")

        guard let realRoot = realPath(root) else { return .notFound }
        let candidate = segments.isEmpty ? realRoot : realRoot + "/" + segments.joined(separator: "/")
        guard let real = realPath(candidate), isInside(real, realRoot) else { return .notFound }
        var info = stat()
        guard stat(real, &info) == 0 else { return .notFound }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            if !trailingSlash && !segments.isEmpty {
                // Built from the checked segments, never from the raw target: `//evil.example` must not
                // become a protocol-relative redirect.
                return .redirect("/" + segments.map(encodeSegment).joined(separator: "/") + "/")
            }
            guard let index = realPath(real + "/index.html"), isInside(index, realRoot), isRegularFile(index) else {
                return .notFound
            }
            return .file(index)
        case S_IFREG:
            // `/feed.xml/` names a folder that does not exist.
            return trailingSlash ? .notFound : .file(real)
        default:
            return .notFound
        }
    }

    /// Strict percent-decoding: `%` must be followed by two hex digits and the bytes must be UTF-8
    /// (overlong forms such as `%c0%ae` are not, so they never become a dot).
    static func percentDecoded(_ segment: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(segment.utf8.count)
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// A decoded character that must never reach a file name: separators and controls (NUL included).
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F
    }

    private static let segmentCharacters: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#;")
        return allowed
    }()

    static func encodeSegment(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? ""
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The path with every symlink, `.` and `..` resolved by the kernel; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}
