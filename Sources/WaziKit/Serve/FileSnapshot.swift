import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The size, time and identity of every file below some folders: two snapshots differ when a file was
/// saved, added, removed or renamed. Polling stat every few hundred milliseconds is portable (no
/// inotify/kqueue difference) and cheap for a content folder of a few thousand files.
struct FileSnapshot: Equatable, Sendable {
    struct Stamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    private(set) var stamps: [String: Stamp] = [:]

    static func take(_ roots: [String]) -> FileSnapshot {
        var snapshot = FileSnapshot()
        for root in roots { snapshot.visit(root, depth: 0) }
        return snapshot
    }

    /// Whether a change to a file or folder of that name can change the site: not for the names
    /// the content loader skips.
    static func isWatched(_ name: String) -> Bool { !name.hasPrefix(".") && !name.hasSuffix("~") }

    /// Names the content loader skips (dotfiles, editor backups) are skipped here too, so an editor's
    /// swap file does not trigger a rebuild; so is any cache a build writes into a dot-folder.
    private mutating func visit(_ folder: String, depth: Int) {
        // Deep enough for any site; stops a symlink loop.
        guard depth < 32, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where Self.isWatched(name) {
            let path = folder + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                stamps[path + "/"] = Stamp(seconds: 0, nanoseconds: 0, size: 0, inode: UInt64(info.st_ino))
                visit(path, depth: depth + 1)
            } else {
                #if canImport(Darwin)
                let time = info.st_mtimespec
                #else
                let time = info.st_mtim
                #endif
                stamps[path] = Stamp(seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec),
                                     size: Int64(info.st_size), inode: UInt64(info.st_ino))
            }
        }
    }
}
