#if canImport(Glibc)
import Glibc
#endif

/// Files' bytes with POSIX calls: Foundation's `FileManager.contents(atPath:)` opens each file twice,
/// and validating its `Data` as UTF-8 is several times slower than validating an array.
enum FileBytes {
    /// The whole file at `path`, nil when it cannot be opened or read.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        // The size is a hint: a file that grows meanwhile is read to its end.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return Glibc.read(fd, base + filled, buffer.count - filled)
            }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            filled += got
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Exactly `count` bytes from `fd` (from `position`, when given, else where it stands), nil if
    /// the file ends first.
    static func read(_ fd: Int32, count: Int, at position: Int? = nil) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                if let position { return pread(fd, base + offset, buffer.count - offset, off_t(position + offset)) }
                return Glibc.read(fd, base + offset, buffer.count - offset)
            }
            guard got > 0 else { return nil }
            offset += got
        }
        return bytes
    }
}

extension Array where Element == UInt8 {
    /// Appends `text`'s UTF-8 bytes in one copy: `append(contentsOf: text.utf8)` went byte by byte,
    /// some 200 instructions for a short text.
    @inline(__always)
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
