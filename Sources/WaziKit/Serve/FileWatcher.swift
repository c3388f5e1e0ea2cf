import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells `wazi serve` when a file below its folders was saved, added, removed or renamed.
///
/// On Linux through inotify: the kernel reports each change, so nothing is done while nothing
/// changes. Comparing stat snapshots instead cost a core a third of the time at 10,000 files, and
/// half a poll interval of waiting per edit. Elsewhere, or if inotify cannot be had, by polling
/// (`FileSnapshot`). A change to a name the content loader skips (dotfiles, editor backups) brings
/// no rebuild, though its folder is still reported among the changed ones.
/// It also says which folders changed (`takeChanges`), so that a build lists only those again.
/// Made on one thread and then used by one other only (`DevServer.watch`).
final class FileWatcher: @unchecked Sendable {
    private let roots: [String]
    private let pollInterval: Double
    private var snapshot: FileSnapshot
    /// By root: the folders (relative to it) where something changed since `takeChanges`; nil for
    /// a root where that is not known.
    private var changes: [String: Set<String>?] = [:]
    #if os(Linux)
    private var events: Int32
    /// A watched folder: its path, and the root it is under with its path relative to it.
    private struct Watched {
        let path: String
        let root: String
        let relative: String
    }

    /// Watched folders by watch descriptor.
    private var folders: [Int32: Watched] = [:]
    /// The roots being watched: one removed or moved away is looked for again every poll interval.
    private var watchedRoots = Set<String>()
    /// How many different roots there are (the same folder may be given twice).
    private let rootCount: Int
    #endif

    /// Starts watching now: a change made from here on is reported by the next `wait`.
    init(roots: [String], pollInterval: Double) {
        self.roots = roots
        self.pollInterval = pollInterval
        #if os(Linux)
        rootCount = Set(roots).count
        events = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        snapshot = events >= 0 ? FileSnapshot() : FileSnapshot.take(roots)
        if events >= 0 { rescan(noting: false) }
        #else
        snapshot = FileSnapshot.take(roots)
        #endif
    }

    deinit {
        #if os(Linux)
        if events >= 0 { close(events) }
        #endif
    }

    /// The folders changed since the last call (every folder in which a file was written, made,
    /// removed or renamed, whatever its name), by root; nil for a root where that is not known
    /// (events were lost, the root was replaced, or changes are found by polling).
    func takeChanges() -> [String: Set<String>?] {
        #if os(Linux)
        if events >= 0 {
            var taken = changes
            for root in roots where taken[root] == nil { taken[root] = Set<String>() }
            changes = [:]
            return taken
        }
        #endif
        return Dictionary(uniqueKeysWithValues: roots.map { ($0, nil as Set<String>?) })
    }

    /// Waits up to `timeout` seconds for a change; true when there was one. Changes that follow each
    /// other closely (an editor writing a file, then renaming it) are reported once, when they stop.
    func wait(timeout: Double) -> Bool {
        #if os(Linux)
        if events >= 0 { return waitForEvents(timeout: timeout) }
        #endif
        return waitByPolling(timeout: timeout)
    }

    private func waitByPolling(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            Thread.sleep(forTimeInterval: min(pollInterval, max(0, deadline.timeIntervalSinceNow)))
            let now = FileSnapshot.take(roots)
            if now != snapshot {
                snapshot = now
                return true
            }
        } while Date() < deadline
        return false
    }

    #if os(Linux)
    /// How long the folders must stay quiet after a change before it is reported.
    private static let settle: Int32 = 30
    /// A change is reported this long after it at the latest, even if others keep following it (a
    /// program writing into the content folder without end must not hold every rebuild back).
    private static let longestSettle = Duration.milliseconds(500)

    private func waitForEvents(timeout: Double) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(max(0, min(timeout, 3600)) * 1000))
        var changed = false
        var firstChange = ContinuousClock.now
        while true {
            let left = deadline - ContinuousClock.now
            var wait = Int32(max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            let missing = watchedRoots.count < rootCount
            if missing { wait = min(wait, Int32(pollInterval * 1000)) }
            var ready = pollfd(fd: events, events: Int16(POLLIN), revents: 0)
            let count = poll(&ready, 1, changed ? Self.settle : wait)
            if count < 0, errno == EINTR { continue }
            if count > 0 {
                if drain(), !changed {
                    changed = true
                    firstChange = ContinuousClock.now
                }
                if changed, ContinuousClock.now - firstChange >= Self.longestSettle { return true }
                continue
            }
            if missing {
                // A root back under its name (a checkout replaced the folder) is a change.
                rescan()
                if watchedRoots.count == rootCount { changed = true }
            }
            if changed || ContinuousClock.now >= deadline { return changed }
        }
    }

    /// Reads every pending event; true when one is a change the site could show.
    private func drain() -> Bool {
        var relevant = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(events, $0.baseAddress, $0.count) }
            guard count > 0 else { return relevant }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (descriptor, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += header + length
                if handle(descriptor, mask: mask, name: name) { relevant = true }
            }
        }
    }

    /// Keeps the watches up to date with the folders; true when the event is a change to report.
    private func handle(_ descriptor: Int32, mask: UInt32, name: String) -> Bool {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: every folder is watched again, and a build finds what changed.
            for root in roots { changes[root] = .some(nil) }
            rescan()
            return true
        }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders[descriptor] = nil
            return false
        }
        guard let folder = folders[descriptor] else { return false }
        if name.isEmpty {
            // The watched folder itself was removed or moved away: a root is looked for again
            // (see `waitForEvents`); another folder's parent reports it.
            if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0, folder.relative.isEmpty, watchedRoots.contains(folder.path) {
                watchedRoots.remove(folder.path)
                changes[folder.root] = .some(nil)
                inotify_rm_watch(events, descriptor)
            }
            return true
        }
        // Whatever the name: a build stamps every file, dotfiles too.
        note(folder.relative, in: folder.root)
        guard FileSnapshot.isWatched(name) else { return false }
        // A folder made or moved in: watched under its new name (a watch follows a folder moved),
        // and, with every folder in it, listed again by the next build.
        if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            watch(folder.path + "/" + name, root: folder.root, relative: Self.join(folder.relative, name), depth: 1, isNew: true)
        }
        return true
    }

    private func fallBackToPolling() {
        guard events >= 0 else { return }
        close(events)
        events = -1
        folders = [:]
        snapshot = FileSnapshot.take(roots)
    }

    private func note(_ relative: String, in root: String) {
        switch changes[root] {
        case .none: changes[root] = .some([relative])
        case .some(.none): break  // not known: stays so
        case var .some(.some(known)):
            known.insert(relative)
            changes[root] = .some(known)
        }
    }

    private static func join(_ relative: String, _ name: String) -> String {
        relative.isEmpty ? name : relative + "/" + name
    }

    /// Watches every folder below the roots (adding a watch already there changes nothing).
    /// `noting`: a root watched again (it was replaced) is noted as changed throughout.
    private func rescan(noting: Bool = true) {
        for root in roots where events >= 0 {
            let back = !watchedRoots.contains(root)
            watch(root, root: root, relative: "", depth: 0, isNew: false)
            if noting, back, watchedRoots.contains(root) { changes[root] = .some(nil) }
        }
    }

    /// `isNew`: a folder that appeared since the watch began, noted as changed with all it holds.
    private func watch(_ folder: String, root: String, relative: String, depth: Int, isNew: Bool) {
        // Deep enough for any site; stops a symlink loop.
        guard depth < 32 else { return }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                          | IN_DELETE_SELF | IN_MOVE_SELF)
        let descriptor = inotify_add_watch(events, folder, mask)
        guard descriptor >= 0 else {
            // Out of watches (fs.inotify.max_user_watches): polled instead, rather than changes missed.
            if errno == ENOSPC || errno == ENOMEM { fallBackToPolling() }
            return
        }
        folders[descriptor] = Watched(path: folder, root: root, relative: relative)
        if depth == 0 { watchedRoots.insert(folder) }
        if isNew { note(relative, in: root) }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where FileSnapshot.isWatched(name) && events >= 0 {
            var info = stat()
            let path = folder + "/" + name
            if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                watch(path, root: root, relative: Self.join(relative, name), depth: depth + 1, isNew: isNew)
            }
        }
    }
    #endif
}
