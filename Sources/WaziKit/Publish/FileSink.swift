import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a build's files go: the publisher's staging folder, or nowhere (`wazi check`). Every file's
/// size is logged, for the build cache and the summary. Safe to use from several threads.
struct FileSink: Sendable {
    let publisher: Publisher?
    let log = OutputLog()

    func write(_ file: OutputFile) {
        write(file, changed: false)
    }

    /// `changed`: known to differ from the site in place's file, which is then not read to compare.
    func write(_ file: OutputFile, changed: Bool) {
        log.add(file.path, size: file.bytes.count)
        publisher?.write(file, changed: changed)
    }

    /// The page at `index` among the jobs (see `Publisher.expectPages`).
    func writePage(_ index: Int, _ file: OutputFile) {
        log.addPage(index, size: file.bytes.count)
        publisher?.writePage(index, file)
    }

    /// Keeps the site in place's file at `path`, of `size` bytes, as it is (see `Publisher.keep`);
    /// false when it cannot.
    func keep(_ path: String, size: Int) -> Bool {
        guard publisher?.keep(path) == true else { return false }
        log.add(path, size: size)
        return true
    }

    /// A large file written in chunks as it is made, so it is never held whole; returns its size.
    @discardableResult
    func stream(_ path: String, _ produce: (ByteStream) -> Void) -> Int {
        let size: Int
        if let publisher {
            size = publisher.stream(path, produce)
        } else {
            let counter = ByteStream { _ in }
            produce(counter)
            counter.finish()
            size = counter.count
        }
        log.add(path, size: size)
        return size
    }
}

/// Bytes handed on in chunks of about `chunk` bytes as they are appended.
final class ByteStream {
    private(set) var count = 0
    private var buffer: [UInt8] = []
    private let chunk: Int
    private let flush: ([UInt8]) -> Void
    /// The open file the chunks are written to, -1 when none: bytes copied from another file go
    /// there directly (see `copy`).
    private let file: Int32
    /// Why bytes could not be copied (see `copy`), if they could not.
    private(set) var failure: String?

    init(chunk: Int = 1 << 20, file: Int32 = -1, flush: @escaping ([UInt8]) -> Void) {
        self.chunk = chunk
        self.file = file
        self.flush = flush
        buffer.reserveCapacity(chunk + chunk / 4)
    }

    /// Any bytes: an array, a slice of one, a text's UTF-8, a number's raw bytes (no copy on the way).
    func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= chunk { handOn() }
    }

    /// Appends `bytes` of the open file `source`, copied by the kernel from file to file where it can
    /// (copy_file_range): read into this process and written out again, wazi.json's 48 MB at 10,000
    /// pages were most of writing it after one edit. Else read and appended. False, and the stream
    /// failed, when the source ends first or cannot be read.
    @discardableResult
    func copy(from source: Int32, _ bytes: Range<Int>) -> Bool {
        var offset = bytes.lowerBound
        if file >= 0, let copyFileRange = Self.copyFileRange {
            handOn()
            var from = off_t(offset)
            while offset < bytes.upperBound {
                let copied = copyFileRange(source, &from, file, nil, bytes.upperBound - offset, 0)
                if copied < 0 && errno == EINTR { continue }
                guard copied > 0 else { break }
                offset += copied
                count += copied
            }
        }
        while offset < bytes.upperBound {
            guard let read = FileBytes.read(source, count: min(bytes.upperBound - offset, chunk), at: offset) else {
                failure = failure ?? "the previous file to copy from ends before byte \(bytes.upperBound)"
                return false
            }
            append(read)
            offset += read.count
        }
        return true
    }

    private typealias CopyFileRange = @convention(c) (Int32, UnsafeMutablePointer<off_t>?, Int32, UnsafeMutablePointer<off_t>?, Int, UInt32) -> Int
    /// glibc's copy_file_range, which Swift's Glibc module does not import.
    private static let copyFileRange: CopyFileRange? = libcSymbol("copy_file_range").map { unsafeBitCast($0, to: CopyFileRange.self) }

    private func handOn() {
        guard !buffer.isEmpty else { return }
        flush(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Hands on what is left; call once, at the end.
    func finish() {
        handOn()
        buffer = []
    }
}

extension ByteStream {
    /// Writes what `produce` appends into the open file `fd` (of `size` bytes) from its start, a chunk
    /// at a time, and cuts the file to that length; returns the length, and why the file could not be
    /// written whole, if it could not. `fd` < 0: the file could not be opened (`errno` says why).
    /// `path` is how messages name it.
    static func write(to fd: Int32, size: Int, shown path: String, _ produce: (ByteStream) -> Void) -> (size: Int, failure: String?) {
        var failure = fd < 0 ? "cannot write \(path): \(String(cString: strerror(errno)))" : nil
        let stream = ByteStream(file: fd) { chunk in
            guard failure == nil else { return }
            do { try Publisher.write(chunk, fd: fd, path: path) } catch { failure = "\(error)" }
        }
        produce(stream)
        stream.finish()
        failure = failure ?? stream.failure.map { "cannot write \(path): \($0)" }
        if fd >= 0 {
            if failure == nil, size > stream.count, ftruncate(fd, off_t(stream.count)) != 0 {
                failure = "cannot write \(path): \(String(cString: strerror(errno)))"
            }
            close(fd)
        }
        return (stream.count, failure)
    }
}

/// The files a build produced, with their sizes, gathered from several threads: the pages by their
/// places among the jobs, the other files by path.
final class OutputLog: @unchecked Sendable {
    private var stored: [String: Int] = [:]
    /// Each page's size (-1: not logged), written from several threads, each page its own slot,
    /// without the lock.
    private var pageSizes = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
    private let lock = NSLock()

    deinit { pageSizes.deallocate() }

    func add(_ path: String, size: Int) { lock.withLock { stored[path] = size } }

    /// Room for `count` pages; called once, before any is logged.
    func expectPages(_ count: Int) {
        pageSizes = .allocate(capacity: count)
        pageSizes.initialize(repeating: -1)
    }

    func addPage(_ index: Int, size: Int) { pageSizes[index] = size }

    /// The files but the pages, by path.
    var sizes: [String: Int] { lock.withLock { stored } }
    /// The pages' sizes by their places, -1 for one not logged.
    var pages: [Int] { Array(pageSizes) }
    var count: Int { lock.withLock { stored.count } + pageSizes.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }
}
