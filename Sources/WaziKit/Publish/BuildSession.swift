import Foundation

/// What a process that builds the same site again and again (`wazi build --watch`, `wazi serve`)
/// keeps of its last successful build in memory, where a one-shot build reads it back from the
/// caches beside the output: the build cache, the list rows and every content file as decoded; and
/// the content folder's tree, which a one-shot build makes again from the folders' listings.
/// Taking a file decoded from here instead of from the cache's bytes was the largest part of
/// loading after an edit.
///
/// The caches are still written as a one-shot build writes them, so a `wazi build` after the
/// session ends finds the same. What is kept is used only for the output folder it describes
/// (`BuildCache.folder`): another build swapping a site in makes the session read the caches again.
/// One build at a time.
public final class BuildSession: @unchecked Sendable {
    /// The last successful build's cache, as written.
    var cache: BuildCache?
    /// The list rows it kept (see `RowCache`), with the global fingerprint they were made under.
    var rows: (global: String, rows: [String: Fragments.StoredRow])?
    /// Every content file as it decoded it (see `DecodedCache.Remembered`).
    var decoded = DecodedCache.Remembered.none
    /// The content folder as it found it (see `ScannedContent`).
    var scanned: ScannedContent?

    public init() {}

    /// The cache of the last build, when the output in place is still the folder it describes.
    func cache(output: String) -> BuildCache? {
        guard let cache, cache.folder == Publisher.identity(output) else { return nil }
        return cache
    }

    /// The rows of the last build, for the same output as `cache(output:)`.
    func rows(output: String) -> (global: String, rows: [String: Fragments.StoredRow])? {
        cache(output: output) == nil ? nil : rows
    }

}
