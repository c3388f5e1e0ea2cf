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
        guard count > 0 else { return count == 0 ? [] : nil }
        // Not zeroed first: the reads fill it (wazi.json's kept items are 50 MB after one edit).
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var offset = 0
            while let base = buffer.baseAddress, offset < count {
                let got = position.map { pread(fd, base + offset, count - offset, off_t($0 + offset)) }
                    ?? Glibc.read(fd, base + offset, count - offset)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { break }
                offset += got
            }
            complete = offset == count
            initialized = offset
        }
        return complete ? bytes : nil
    }

    /// The file's text, nil when it cannot be read or is not valid UTF-8.
    static func text(_ path: String) -> String? {
        read(path).flatMap { String(validating: $0, as: UTF8.self) }
    }
}
