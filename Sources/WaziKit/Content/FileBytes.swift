#if canImport(Glibc)
import Glibc
#endif

/// Files' bytes with POSIX calls: Foundation's `FileManager.contents(atPath:)` opens each file twice,
/// and validating its `Data` as UTF-8 is several times slower than validating an array.
enum FileBytes {
    /// The whole file at `path`, nil when it cannot be opened or read.
    static func read(_ path: String) -> [UInt8]? {
        var info = stat()
        return read(path, status: &info)
    }

    /// The whole file at `path`, and in `info` the file read as `stat` gives it.
    static func read(_ path: String, status info: inout stat) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        // The size is a hint: a file that grows meanwhile is read to its end. Not zeroed first:
        // the reads fill it (the caches and tables a rebuild reads are megabytes).
        let size = max(Int(info.st_size), 0)
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
            initialized = fill(fd, buffer, failed: &failed)
        }
        guard !failed else { return nil }
        guard bytes.count == size + 1 else { return bytes }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBufferPointer { fill(fd, $0, failed: &failed) }
            guard !failed else { return nil }
            bytes += chunk[..<got]
            if got < chunk.count { return bytes }
        }
    }

    /// Reads into `buffer` until it is full or the file ends; the number of bytes read.
    private static func fill(_ fd: Int32, _ buffer: UnsafeMutableBufferPointer<UInt8>, failed: inout Bool) -> Int {
        var filled = 0
        while let base = buffer.baseAddress, filled < buffer.count {
            let got = Glibc.read(fd, base + filled, buffer.count - filled)
            if got < 0 && errno == EINTR { continue }
            if got < 0 { failed = true }
            guard got > 0 else { break }
            filled += got
        }
        return filled
    }

    /// Exactly `count` bytes from `fd` (from `position`, when given, else where it stands), nil if
    /// the file ends first; with `partial`, up to `count` (what there is).
    static func read(_ fd: Int32, count: Int, at position: Int? = nil, partial: Bool = false) -> [UInt8]? {
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
        return complete || partial ? bytes : nil
    }
}

extension FileBytes {
    /// Whether the file `fd` holds exactly `bytes` from its start, read and compared (with memcmp) a
    /// chunk at a time, stopping at the first chunk that differs: a file rewritten with an edit of
    /// the same length (a typo fixed) was read whole, then compared byte by byte.
    static func holds(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { expected in
            same(count: expected.count, fd) { offset, chunk in
                chunk.withUnsafeBytes { equal(UnsafeRawBufferPointer(rebasing: expected[offset..<offset + $0.count]), $0) }
            }
        }
    }

    /// Whether the files `a` and `b` hold the same `count` bytes from their start (as `holds`).
    static func same(_ a: Int32, _ b: Int32, count: Int) -> Bool {
        same(count: count, a) { offset, chunk in
            guard let other = read(b, count: chunk.count, at: offset) else { return false }
            return chunk.withUnsafeBytes { x in other.withUnsafeBytes { y in equal(x, y) } }
        }
    }

    /// Byte for byte, with memcmp.
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }

    /// Reads `count` bytes of `fd` from its start in chunks, each given to `matches` with its offset,
    /// until one does not match or the file ends early.
    private static func same(count: Int, _ fd: Int32, _ matches: (Int, [UInt8]) -> Bool) -> Bool {
        var offset = 0
        while offset < count {
            guard let chunk = read(fd, count: Swift.min(count - offset, 1 << 18), at: offset), matches(offset, chunk) else { return false }
            offset += chunk.count
        }
        return true
    }
}

extension Array where Element == UInt8 {
    /// Whether the bytes before `end` end with a line feed that is a Character of its own, as a
    /// String's last Character is "\n" (a CR LF is one Character).
    func endsLine(before end: Int) -> Bool {
        end > 0 && self[end - 1] == 0x0A && (end < 2 || self[end - 2] != 0x0D)
    }

    /// Appends `text`'s UTF-8 bytes in one copy: `append(contentsOf: text.utf8)` went byte by byte,
    /// some 200 instructions for a short text.
    @inline(__always)
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
