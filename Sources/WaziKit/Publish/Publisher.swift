import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the built site beside the output folder, then exchanges the two folders in one
/// atomic step, so a failed or killed build never leaves a half-published site.
/// Files whose bytes did not change are hard-linked from the previous site, not rewritten.
public struct Publisher {
    public let output: String

    public init(output: String) {
        var path = output
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.output = path
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// What publishing changed.
    public struct Summary: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    private var parent: String {
        let folder = (output as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    private var name: String { (output as NSString).lastPathComponent }

    /// Writes `files` and copies `copies` into a fresh folder, then swaps it with `output`.
    @discardableResult
    public func publish(_ files: [OutputFile], copies: [(source: String, path: String)]) throws -> Summary {
        let fm = FileManager.default
        removeAbandonedFolders()
        let staging = parent + "/.\(name).wazi-new-\(getpid())"
        try? fm.removeItem(atPath: staging)
        var summary = Summary()
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            var made = Set<String>()
            for file in files {
                try place(file.bytes, at: file.path, in: staging, made: &made, summary: &summary)
            }
            for copy in copies {
                guard let data = fm.contents(atPath: copy.source) else { throw Failure("cannot read \(copy.source)") }
                try place([UInt8](data), at: copy.path, in: staging, made: &made, summary: &summary)
            }
            summary.removed = countRemoved(keeping: Set(files.map(\.path) + copies.map(\.path)))
            try swapIn(staging)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        return summary
    }

    /// Staging folders left by a build that was killed.
    private func removeAbandonedFolders() {
        let prefix = ".\(name).wazi-new-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: parent + "/" + entry)
        }
    }

    /// Puts the new folder in place of the output: one atomic exchange where the kernel has it.
    private func swapIn(_ staging: String) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: output) else {
            guard rename(staging, output) == 0 else { throw Failure("cannot create \(output): \(errorText())") }
            return
        }
        if let exchange = Self.renameExchange, exchange(AT_FDCWD, staging, AT_FDCWD, output, Self.exchangeFlag) == 0 {
            // `staging` now holds the previous site.
            try? fm.removeItem(atPath: staging)
            return
        }
        // No atomic exchange (old kernel or file system): two renames, the old site kept until the new is in place.
        let retired = parent + "/.\(name).wazi-old-\(getpid())"
        try? fm.removeItem(atPath: retired)
        guard rename(output, retired) == 0 else { throw Failure("cannot move \(output) aside: \(errorText())") }
        guard rename(staging, output) == 0 else {
            let reason = errorText()
            _ = rename(retired, output)
            throw Failure("cannot put the new site in place at \(output): \(reason)")
        }
        try? fm.removeItem(atPath: retired)
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let exchangeFlag: UInt32 = 1 << 1 // RENAME_EXCHANGE
    /// glibc's renameat2, which Swift's Glibc module does not import.
    nonisolated(unsafe) private static let renameExchange: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// Links the previous site's file when its bytes are the same, else writes the new bytes.
    private func place(_ bytes: [UInt8], at relative: String, in root: String, made: inout Set<String>,
                       summary: inout Summary) throws {
        let path = root + "/" + relative
        let folder = (path as NSString).deletingLastPathComponent
        if !made.contains(folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            made.insert(folder)
        }
        let previous = output + "/" + relative
        if Self.sameBytes(previous, bytes), link(previous, path) == 0 {
            summary.unchanged += 1
            return
        }
        try Self.write(bytes, to: path)
        summary.written += 1
    }

    private func countRemoved(keeping paths: Set<String>) -> Int {
        guard let old = try? FileManager.default.subpathsOfDirectory(atPath: output) else { return 0 }
        return old.filter { path in
            var dir: ObjCBool = false
            return FileManager.default.fileExists(atPath: output + "/" + path, isDirectory: &dir) && !dir.boolValue
                && !paths.contains(path)
        }.count
    }

    static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return data.elementsEqual(bytes)
    }

    /// Writes bytes with POSIX calls (Foundation's String.write is several times slower).
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure("cannot write \(path): \(errorText())") }
        defer { close(fd) }
        var offset = 0
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while offset < buffer.count {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
                guard written > 0 else { throw Failure("cannot write \(path): \(errorText())") }
                offset += written
            }
        }
    }
}

private func errorText() -> String { String(cString: strerror(errno)) }
