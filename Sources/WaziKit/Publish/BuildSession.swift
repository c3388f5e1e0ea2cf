import Foundation

/// What a process that builds the same site again and again (`wazi serve`) keeps of its last
/// successful build in memory, where a one-shot build reads it back from the caches beside the
/// output: the build cache, the list rows and every content file as decoded; and the content
/// folder's tree, which a one-shot build makes again from the folders' listings. Told of the
/// changes (`watch`, `changed`), it also keeps the input folders' listings, and a build lists only
/// the changed folders again.
///
/// The caches are still written as a one-shot build writes them, so a `wazi build` after the
/// session ends finds the same. What is kept is used only for the output folder it describes
/// (`BuildCache.folder`): another build swapping a site in makes the session read the caches again.
/// One build at a time.
public final class BuildSession: @unchecked Sendable {
    /// The last successful build's cache, as written.
    var cache: BuildCache?
    /// The list rows it kept (see `RowCache`), with the global fingerprint they were made under.
    var rows: StoredRows?
    /// Every content file as it decoded it (see `DecodedCache.Remembered`).
    var decoded = DecodedCache.Remembered.none
    /// The content folder as it found it (see `ScannedContent`).
    var scanned: ScannedContent?
    /// The model it loaded (see `KeptModel`), with its commitments' bytes for the model cache.
    var model: ModelCache?
    /// The theme the last build loaded, for the theme's files' stamps and the languages it was loaded
    /// for, with what loading it reported.
    var theme: (stamp: UInt64, languages: [String], theme: Theme?, diagnostics: [Diagnostic])?

    /// The input folders' walks, by folder as given, once `watch` was called.
    var walks: [String: KeptWalk] = [:]
    /// What the last build is still writing for the next one (see `Build.commit`).
    private var pending: Eventually<Kept>?

    public init() {}

    /// What a build made for the next one: the caches it wrote, as kept in memory.
    struct Kept: Sendable {
        var cache: BuildCache
        var rows: StoredRows
        /// The files decoded, when every file was loaded (nil after a patched model: see `updated`).
        var decoded: DecodedCache.Remembered?
        var model: ModelCache?
        var scanned: ScannedContent?
        /// After a patched model: the files it decoded, to take into the files kept, with the stamps.
        var updated: ([KeptModel.DecodedGroup], [String: UInt64])?

        init(cache: BuildCache, rows: StoredRows, decoded: DecodedCache.Remembered?,
             model: ModelCache?) {
            self.cache = cache
            self.rows = rows
            self.decoded = decoded
            self.model = model
        }
    }

    /// Takes what the last build is making for the next one, once it is made (see `settle`).
    func keep(_ next: Eventually<Kept>) {
        pending = next
    }

    /// Waits until the last build has written its caches, and takes what it kept. Called by every
    /// build of the session before it reads anything, and by a process before it ends or removes the
    /// output.
    public func settle() {
        guard let next = pending?.value else { return }
        pending = nil
        cache = next.cache
        rows = next.rows
        if let (files, stamps) = next.updated {
            decoded.update(files, stamps: stamps)
        } else {
            decoded = next.decoded ?? .none
        }
        scanned = next.scanned
        model = next.model
    }

    /// For a process told of every change below the input folders (`wazi serve`'s `FileWatcher`):
    /// from the next build on, each build lists again only the folders reported by `changed`.
    public func watch(_ roots: [String]) {
        for root in roots where walks[root] == nil { walks[root] = KeptWalk() }
    }

    /// The folders (relative to `root`) changed since the last build; nil when not known (every
    /// folder of it is listed again).
    public func changed(_ root: String, folders: Set<String>?) {
        guard let walk = walks[root] else { return }
        if let folders { walk.changed?.formUnion(folders) } else { walk.changed = nil }
    }

    /// The cache of the last build, when the output in place is still the folder it describes.
    func cache(output: String) -> BuildCache? {
        guard let cache, cache.folder == Publisher.identity(output) else { return nil }
        return cache
    }

    /// The rows of the last build, for the same output as `cache(output:)`.
    func rows(output: String) -> StoredRows? {
        cache(output: output) == nil ? nil : rows
    }
}

/// An input folder's walk kept by a session (see `FileTree.walk(under:threads:kept:)`): its folders
/// as last listed, and the folders a watcher reported changed since, which are the only ones listed
/// again. Nil `changed`: not known, every folder is listed.
final class KeptWalk: @unchecked Sendable {
    var folders: [String: FileTree.Folder] = [:]
    var changed: Set<String>?
}
