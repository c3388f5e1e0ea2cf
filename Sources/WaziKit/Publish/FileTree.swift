import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Walking and removing folders with POSIX calls: FileManager stats every entry and was most of the
/// time of publishing a 10,000-page site over the previous one.
enum FileTree {
    /// Regular files and links under `root`, relative to it (symbolic links are not followed).
    static func files(under root: String) -> [String] {
        var found: [String] = []
        walk(root, prefix: "") { relative, isFolder in
            if !isFolder { found.append(relative) }
        }
        return found
    }

    /// What `walk(under:threads:)` finds: the regular files with their `stat`, and every folder's entries.
    struct Walk: Sendable {
        var files: [(path: String, info: stat)] = []
        /// Folder (relative to the root, "" for itself) → its entries with their own kinds (a link is
        /// a link), unsorted, as `DirectoryListing.entries` gives them.
        var listings: [String: [DirectoryListing.Entry]] = [:]
    }

    /// Regular files under `root` (relative to it) with their `stat`.
    static func regularFiles(under root: String, threads: Int) -> [(path: String, info: stat)] {
        walk(under: root, threads: threads).files
    }

    /// Regular files under `root` with their `stat` (symbolic links to files followed, links to
    /// folders not entered), and the listing of every folder entered. Listed and stat'ed on `threads`
    /// threads, each file by its name in its open folder: stat'ing every file by its whole path walked
    /// every folder of the path again, and was most of a rebuild with nothing changed. In no particular
    /// order. The listings spare the content scan a second walk of the same folders (`ContentTree.scan`).
    static func walk(under root: String, threads: Int) -> Walk {
        walk(under: root, threads: threads, kept: nil)
    }

    /// One folder as a walk found it: its entries, its regular files with their `stat`, its folders.
    struct Folder: Sendable {
        var entries: [DirectoryListing.Entry] = []
        var files: [(name: String, info: stat)] = []
        var folders: [String] = []
    }

    /// `kept`: the folders of the last walk of `root` and those changed since (see `KeptWalk`); the
    /// others are taken from it instead of being listed again. Receives this walk's folders.
    static func walk(under root: String, threads: Int, kept: KeptWalk?) -> Walk {
        let previous = kept?.changed == nil ? [:] : kept?.folders ?? [:]
        let changed = kept?.changed ?? []
        let queue = FolderQueue()
        queue.add([""])
        let found = parallelMap(Array(0..<max(1, threads)), threads: threads) { _ -> (walk: Walk, folders: [String: Folder]) in
            var found = (walk: Walk(), folders: [String: Folder]())
            while let relative = queue.next() {
                let folder = changed.contains(relative) ? nil : previous[relative]
                if let listed = folder ?? list(root, relative) {
                    if kept != nil { found.folders[relative] = listed }
                    let prefix = relative.isEmpty ? "" : relative + "/"
                    for file in listed.files { found.walk.files.append((prefix + file.name, file.info)) }
                    found.walk.listings[relative] = listed.entries
                    queue.add(listed.folders)
                }
                queue.finish()
            }
            return found
        }
        var walk = Walk()
        var folders: [String: Folder] = [:]
        for part in found {
            walk.files += part.walk.files
            walk.listings.merge(part.walk.listings) { first, _ in first }
            folders.merge(part.folders) { first, _ in first }
        }
        kept?.folders = folders
        return walk
    }

    /// The folder `relative` of `root`; nil when it cannot be opened.
    private static func list(_ root: String, _ relative: String) -> Folder? {
        let prefix = relative.isEmpty ? "" : relative + "/"
        var folder = Folder()
        let fd = open(relative.isEmpty ? root : root + "/" + relative, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard let dir = fdopendir(fd) else {
            close(fd)
            return nil
        }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            guard let kind = DirectoryListing.kind(entry.pointee.d_type, name, in: dirfd(dir)) else { continue }
            folder.entries.append((name, kind))
            var info = stat()
            if kind == .folder {
                folder.folders.append(prefix + name)
            } else if kind != .other, fstatat(dirfd(dir), name, &info, 0) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                folder.files.append((name, info))
            }
        }
        return folder
    }

    /// Removes `path` and everything in it; a missing path is no error. A symbolic link is removed
    /// itself, never followed.
    static func remove(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            _ = unlink(path)
            return
        }
        var entries: [(String, Bool)] = []
        walk(path, prefix: "") { relative, isFolder in entries.append((relative, isFolder)) }
        // Children were listed after their folder: removing in reverse empties each folder first.
        for (relative, isFolder) in entries.reversed() {
            _ = unlinkat(AT_FDCWD, path + "/" + relative, isFolder ? AT_REMOVEDIR : 0)
        }
        _ = rmdir(path)
    }

    /// Calls `visit` for every entry under `root` (relative to it, and whether it is a folder), a
    /// folder before what it holds.
    static func walk(_ root: String, _ visit: (String, Bool) -> Void) {
        walk(root, prefix: "", visit)
    }

    private static func walk(_ folder: String, prefix: String, _ visit: (String, Bool) -> Void) {
        for (name, kind) in DirectoryListing.entries(folder) {
            let relative = prefix + name
            visit(relative, kind == .folder)
            if kind == .folder { walk(folder + "/" + name, prefix: relative + "/", visit) }
        }
    }
}

/// The folders still to list (see `FileTree.regularFiles`): a worker takes one, adds the folders it
/// holds, then finishes it; the walk is over when none is waiting and none is being listed.
private final class FolderQueue: @unchecked Sendable {
    private var waiting: [String] = []
    private var listing = 0
    private let condition = NSCondition()

    func add(_ folders: [String]) {
        guard !folders.isEmpty else { return }
        condition.withLock {
            waiting += folders
            condition.broadcast()
        }
    }

    /// The next folder to list; nil once the walk is over.
    func next() -> String? {
        condition.withLock {
            while waiting.isEmpty && listing > 0 { condition.wait() }
            guard let folder = waiting.popLast() else { return nil }
            listing += 1
            return folder
        }
    }

    func finish() {
        condition.withLock {
            listing -= 1
            if listing == 0 { condition.broadcast() }
        }
    }
}
