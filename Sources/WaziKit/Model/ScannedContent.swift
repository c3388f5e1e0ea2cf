import Foundation

/// The content folder as the last build of a session found it (see `BuildSession`): its tree, its
/// files grouped with their translations, and what finding them reported. A session's next build
/// takes them again when the folders hold the same entries (the stamps' walk has just listed them)
/// and no file but Markdown changed: at 10,000 files, making the tree and the groups again was a
/// tenth of a rebuild, all on the one thread that everything else waits for.
struct ScannedContent: Sendable {
    /// The content folder as given.
    let root: String
    let languages: [String]
    let listings: [String: [DirectoryListing.Entry]]
    /// The stamps of every file that is not Markdown (site.yaml, documents under files/): what the
    /// scan reads besides the listings.
    let otherStamps: [String: UInt64]
    let tree: ContentTree
    let groups: [DocumentReader.FileGroup]
    /// What the scan reported, and what the grouping did.
    let scanDiagnostics: [Diagnostic]
    let groupDiagnostics: [Diagnostic]

    /// What a session hands a build (the last build's scan, when it fits this build's folders) and
    /// takes back from it (this build's, and the stamps it was made with).
    final class Exchange: @unchecked Sendable {
        let previous: ScannedContent?
        let otherStamps: [String: UInt64]
        /// Set by `SiteLoader.load`: this build's, and whether it took `previous`'s tree.
        var next: ScannedContent?
        var kept = false

        init(previous: ScannedContent?, otherStamps: [String: UInt64]) {
            self.previous = previous
            self.otherStamps = otherStamps
        }

        /// `previous`, when it fits a build of `root` with these listings (none: it cannot be told).
        func previous(root: String, listings: [String: [DirectoryListing.Entry]]?) -> ScannedContent? {
            guard let previous, let listings, previous.fits(root: root, listings: listings, otherStamps: otherStamps) else { return nil }
            return previous
        }
    }

    /// The stamps of the files that are not Markdown, out of every content file's.
    static func otherStamps(_ stamps: [String: UInt64]) -> [String: UInt64] {
        stamps.filter { !$0.key.hasSuffix(".md") }
    }

    /// Whether a build with these listings and stamps would find the same tree and groups. Not when
    /// a folder holds a link: where it leads may have changed without its listing.
    func fits(root: String, listings: [String: [DirectoryListing.Entry]], otherStamps: [String: UInt64]) -> Bool {
        guard root == self.root, listings.count == self.listings.count, otherStamps == self.otherStamps else { return false }
        for (folder, entries) in listings {
            guard let kept = self.listings[folder], kept.count == entries.count,
                  !entries.contains(where: { $0.kind == .link }) else { return false }
            let same = { (a: DirectoryListing.Entry, b: DirectoryListing.Entry) in a.name == b.name && a.kind == b.kind }
            // Most often in the same order; else the same entries in another (a file saved by renaming).
            if zip(kept, entries).allSatisfy(same) { continue }
            let order = { (a: DirectoryListing.Entry, b: DirectoryListing.Entry) in a.name < b.name }
            guard zip(kept.sorted(by: order), entries.sorted(by: order)).allSatisfy(same) else { return false }
        }
        return true
    }
}
