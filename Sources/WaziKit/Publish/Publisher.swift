import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the built site beside the output folder, then swaps it in, so a failed or killed
/// build never leaves a half-published site.
public struct Publisher {
    public let output: String

    public init(output: String) {
        var path = output
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.output = path
    }

    public enum Failure: Error, CustomStringConvertible {
        case io(String)
        public var description: String {
            switch self { case let .io(message): return message }
        }
    }

    /// Writes `files` and copies `copies` into a fresh folder, then replaces `output` with it.
    public func publish(_ files: [OutputFile], copies: [(source: String, path: String)]) throws {
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let staging = (parent.isEmpty ? "." : parent) + "/.\(name).wazi-new-\(getpid())"
        let retired = (parent.isEmpty ? "." : parent) + "/.\(name).wazi-old-\(getpid())"
        let fm = FileManager.default
        try? fm.removeItem(atPath: staging)
        try? fm.removeItem(atPath: retired)
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            var made = Set<String>()
            for file in files { try write(file.bytes, to: staging, file.path, made: &made) }
            for copy in copies {
                guard let data = fm.contents(atPath: copy.source) else { throw Failure.io("cannot read \(copy.source)") }
                try write([UInt8](data), to: staging, copy.path, made: &made)
            }
            try swap(staging, retired: retired)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        try? fm.removeItem(atPath: retired)
    }

    /// Replaces the output folder with the staging one: two renames, the old site kept until the new is in place.
    private func swap(_ staging: String, retired: String) throws {
        if FileManager.default.fileExists(atPath: output) {
            guard rename(output, retired) == 0 else { throw Failure.io("cannot move \(output) aside: \(String(cString: strerror(errno)))") }
        }
        guard rename(staging, output) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(retired, output)
            throw Failure.io("cannot put the new site in place at \(output): \(reason)")
        }
    }

    /// Writes bytes with one POSIX write (Foundation's String.write is several times slower).
    private func write(_ bytes: [UInt8], to root: String, _ relative: String, made: inout Set<String>) throws {
        let path = root + "/" + relative
        let folder = (path as NSString).deletingLastPathComponent
        if !made.contains(folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            made.insert(folder)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure.io("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard written > 0 else { throw Failure.io("cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += written
        }
    }
}
