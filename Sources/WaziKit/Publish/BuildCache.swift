import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the last successful build saw, so the next one redoes only what changed:
/// `<output's parent>/.wazi-cache/<output name>.build` (see `CacheFile`).
///
/// - Nothing changed (same input files, sizes and times, same options, output intact): nothing is done.
/// - Otherwise every page is re-rendered unless the theme, site.yaml, bodies.yaml, free pages, the
///   options and the date are all unchanged and the page shows the same items, unchanged (one
///   fingerprint of their keys and their files' fingerprints); such a page is linked from the
///   previous site as it is.
struct BuildCache: Sendable {
    static let version = 9

    /// The output folder this cache describes (device and inode), see `Publisher.stagingIdentity`.
    var folder: String
    /// Fingerprint of everything every page depends on.
    var global: String
    /// Of every input file's stamp and the options (`Stamps.digest`): the same, nothing changed.
    var inputs: UInt64
    /// The pages' files, in the order of that build's pages (`SiteRenderer.jobs`): a build with the
    /// same pages finds each page's record at its own place, without a table to look it up in.
    var pages: Pages
    /// Every other output file.
    var others: [String: Output]
    /// Diagnostics of that build, printed again when nothing changed.
    var diagnostics: [String]
    var pageCount: Int
    /// When the site in place was complete: any later change to its folders is not the build's.
    var liveSince = FileTime.zero
    /// The site that build retired beside the output, the next build's staging folder (see `Publisher.trustSpare`).
    var spare: Spare?

    /// The pages' files, in order, and the fingerprint of their paths in that order (`Build.PagePrints.set`).
    struct Pages: Sendable, Equatable {
        var set: UInt64 = 0
        var paths: [String] = []
        var outputs: [Output] = []
    }

    /// How many output files there are.
    var fileCount: Int { pages.paths.count + others.count }

    /// Whether that build had `count` pages whose paths, in order, have the fingerprint `set`: each
    /// page's record is then at the place of its job.
    func hasPages(_ set: UInt64, count: Int) -> Bool { pages.set == set && pages.outputs.count == count }

    /// Every output file's path.
    var paths: [String] { pages.paths + others.keys }

    struct Output: Sendable, Equatable {
        /// To check the output was not changed by hand.
        var size: Int
        /// Its inode, where the build knew it (see `Publisher.keep`); 0 when not known.
        var inode: UInt64 = 0
        /// The fingerprint of the items it shows (see `Build.pageFingerprints`), for a file that has one.
        var print: UInt64?
    }

    /// The retired site, described so that the next build need not list it: its folder's identity,
    /// when it was complete, and its files that the site in place lacks (it has the others too,
    /// except those new since).
    struct Spare: Sendable, Equatable {
        var identity: String
        var since: FileTime
        var extra: [String]
        /// Its folders, made by a session beside its last build (not written: made again from the
        /// files by a build that reads the cache, see `Publisher.trustSpare`).
        var folders: Set<String>?
    }

    /// The cache file (`CacheFile` kind `build`); its header's fingerprint is the format's version.
    private static let kind = "build"
    private static var header: String { "v\(version)" }

    static func read(output: String) -> BuildCache? {
        guard var fields = CacheFile.read(output: output, kind: kind, global: header),
              let folder = fields.text(), !folder.isEmpty, folder == Publisher.identity(output),
              let global = fields.text(), let pageCount = fields.int(),
              let diagnostics = fields.list({ $0.text() }),
              let inputs = fields.number(), let set = fields.number(), let pageFiles = fields.int(),
              pageFiles <= fields.source.count else { return nil }
        var pages = Pages(set: set)
        pages.paths.reserveCapacity(pageFiles)
        pages.outputs.reserveCapacity(pageFiles)
        for _ in 0..<pageFiles {
            guard let path = fields.text(), let output = Output(&fields) else { return nil }
            pages.paths.append(path)
            pages.outputs.append(output)
        }
        guard let others = fields.pairs({ Output(&$0) }), let liveSince = FileTime(&fields), let hasSpare = fields.int() else { return nil }
        var cache = BuildCache(folder: folder, global: global, inputs: inputs, pages: pages, others: others,
                               diagnostics: diagnostics, pageCount: pageCount)
        cache.liveSince = liveSince
        if hasSpare == 1 {
            guard let identity = fields.text(), let since = FileTime(&fields), let extra = fields.list({ $0.text() }) else { return nil }
            cache.spare = Spare(identity: identity, since: since, extra: extra)
        }
        return fields.atEnd ? cache : nil
    }

    /// Binary (`CacheFile`), written as it goes: as JSON it was a noticeable share of a small rebuild.
    func write(output: String) {
        write(output: output, pages: pages.paths.indices.lazy.map { (pages.paths[$0], pages.outputs[$0]) }, others: others)
    }

    /// With `pages` and `others` in place of the cache's own (empty): a build that keeps no cache in
    /// memory writes its files' records as it makes them, without tables of them.
    func write<Pages: Collection, Others: Collection>(output: String, pages: Pages, others: Others)
    where Pages.Element == (String, Output), Others.Element == (key: String, value: Output) {
        CacheFile.write(output: output, kind: Self.kind, global: Self.header) { writer in
            writer.add(folder)
            writer.add(global)
            writer.add(pageCount)
            writer.add(diagnostics.count)
            for line in diagnostics { writer.add(line) }
            writer.add(inputs)
            writer.add(self.pages.set)
            writer.add(pages.count)
            for (path, output) in pages {
                writer.add(path)
                output.write(to: writer)
            }
            writer.add(others.count)
            for (path, output) in others {
                writer.add(path)
                output.write(to: writer)
            }
            liveSince.write(to: writer)
            writer.add(spare == nil ? 0 : 1)
            if let spare {
                writer.add(spare.identity)
                spare.since.write(to: writer)
                writer.add(spare.extra.count)
                for file in spare.extra { writer.add(file) }
            }
        }
    }

    /// The size and modification time of every content file, and a digest of them, of the theme's
    /// files and of the options.
    struct Stamps: Sendable {
        /// Content file (relative to the content folder) → a fingerprint of its size and modification time.
        var content: [String: UInt64] = [:]
        /// Equal digests: the same files with the same stamps, and the same options. Independent of
        /// the order files were found in (a sum of each file's fingerprint), so that comparing needs
        /// neither sorting nor a lookup per file.
        var digest: UInt64 = 0
        /// The content folders' listings, which the content scan reuses (see `FileTree.walk`).
        var contentListings: [String: [DirectoryListing.Entry]]?
        /// Of the theme's files' stamps alone: the same, a session takes its last theme again.
        var templates: UInt64 = 0
    }

    /// The stamps of this build's inputs: equal stamps mean the build would produce the same site.
    /// `walks`: a session's kept walks of the input folders (see `KeptWalk`), updated.
    static func stamp(_ options: BuildOptions, walks: [String: KeptWalk] = [:]) -> Stamps {
        var stamps = Stamps()
        let settings = [options.load.asOf.iso, String(options.load.drafts), options.load.baseURL ?? "", String(options.strict),
                        Wazi.buildStamp]
        var print = Fingerprint()
        for setting in settings { print.add(setting) }
        stamps.digest = print.value
        for (prefix, root) in [("content:", options.content), ("templates:", options.templates)] {
            let real = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
            let kept = walks[root]
            let walk = FileTree.walk(under: real, threads: options.threads, kept: kept)
            // Whatever changes from now on, the watcher reports for the next build.
            kept?.changed = []
            let isContent = prefix == "content:"
            if isContent {
                stamps.content.reserveCapacity(walk.files.count)
                stamps.contentListings = walk.listings
            }
            for (path, info) in walk.files {
                var file = Fingerprint()
                file.add(UInt64(bitPattern: Int64(info.st_size)))
                file.add(UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
                file.add(UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
                if isContent { stamps.content[path] = file.value }
                file.add(prefix)
                file.add(path)
                stamps.digest &+= file.value
                if !isContent { stamps.templates &+= file.value }
            }
        }
        return stamps
    }

    /// True when every output file recorded is still there with its size (checked on `threads` threads).
    func outputIntact(_ output: String, threads: Int) -> Bool {
        // Each path from the output folder's descriptor: the kernel walks only the path inside it.
        let folder = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return fileCount == 0 }
        defer { close(folder) }
        let outputs = Array(zip(pages.paths, pages.outputs)) + others.map { ($0.key, $0.value) }
        return parallelChunks(outputs, size: 256, threads: threads) { files in
            files.allSatisfy { path, output in
                var info = stat()
                return fstatat(folder, path, &info, 0) == 0 && Int(info.st_size) == output.size
            }
        }.allSatisfy { $0 }
    }
}

extension BuildCache.Output {
    init?(_ reader: inout CacheFile.Reader) {
        guard let size = reader.int(), let inode = reader.number(), let hasPrint = reader.int(), let print = reader.number() else { return nil }
        self.init(size: size, inode: inode, print: hasPrint == 1 ? print : nil)
    }

    func write(to writer: CacheFile.Writer) {
        writer.add(size)
        writer.add(inode)
        writer.add(print == nil ? 0 : 1)
        writer.add(print ?? 0)
    }
}

/// A file system time (seconds and nanoseconds since 1970), as `stat` and the clock give it.
struct FileTime: Sendable, Comparable {
    var seconds: Int
    var nanoseconds: Int

    static let zero = FileTime(seconds: 0, nanoseconds: 0)

    init(seconds: Int, nanoseconds: Int) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init(_ time: timespec) {
        self.init(seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec))
    }

    /// The clock's time now: never earlier than the times the file system gave changes made before
    /// (it stamps them from a coarser reading of the same clock).
    static var now: FileTime {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return FileTime(time)
    }

    static func < (a: FileTime, b: FileTime) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    init?(_ reader: inout CacheFile.Reader) {
        guard let seconds = reader.int(), let nanoseconds = reader.int() else { return nil }
        self.init(seconds: seconds, nanoseconds: nanoseconds)
    }

    func write(to writer: CacheFile.Writer) {
        writer.add(seconds)
        writer.add(nanoseconds)
    }
}
