import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a build writes: a staging folder beside the output, filled while pages are rendered
/// (so the site is never held in memory) and then exchanged with the output in one atomic step,
/// so a failed or killed build never leaves a half-published site. A file whose bytes did not
/// change is hard-linked from the previous site, not rewritten.
///
/// The site a swap retires is kept beside the output (`.site.wazi-spare`) and becomes the next
/// build's staging folder: only the files that differ are replaced, instead of making every folder
/// and link again and deleting the whole retired tree (on disk, most of a small rebuild's time).
/// Nothing in it is trusted: a file stays only if it is the very file of the site in place (same
/// inode); every other file is written afresh (over the spare's own file when no other name shares
/// it, else unlinked first, so a file shared with the site in place is never changed), and files the
/// build does not produce are removed before the swap.
/// What it holds is known without listing it only when none of its folders changed since the build
/// that made it (see `trustSpare`).
public final class Publisher: @unchecked Sendable {
    public let output: String
    private let staging: String
    /// The retired site, recycled as staging by the next build.
    private let spare: String
    /// Whether the staging folder is a recycled spare, holding files to replace or remove.
    private let recycled: Bool
    /// The files the recycled spare held (see `prepareFolders`), and whether they are known already
    /// (see `trustSpare`): when they are, its pages (the last build's) apart from the rest.
    private var spareFiles: [String] = []
    private var sparePages: [String] = []
    /// Set before anything is written, then only read: without the lock.
    private var spareKnown = false
    /// The files of the site in place as the last build recorded them (see `BuildCache.Output.inode`):
    /// the spare's file with one of their inodes is never written over (see `create`). Set before
    /// anything is written, then only read.
    var recorded: [String: BuildCache.Output] = [:]
    /// This build's pages, by their place among its jobs (see `expectPages`): each page's slot says
    /// what became of it. Written from several threads, each page its own slot, without the lock.
    private var pageSlots = UnsafeMutableBufferPointer<UInt64>(start: nil, count: 0)
    /// A page's slot: not placed; written (or linked for bytes found the same: counted as it was
    /// placed); else kept, with that inode (0 when not known).
    private static let notPlaced = UInt64.max, written = UInt64.max - 1
    /// This build's pages' paths, and whether they are the last build's in the same order (then the
    /// spare's pages are all this build's: see `removeLeftovers`).
    private var pagePaths: [String] = []
    private var samePages = false
    /// The inode of each page's file in the site in place as the last build recorded it (as `recorded`).
    private var recordedPages: [UInt64] = []
    /// When the staging folder held the new site as it will go live (see `settle`).
    private var settledAt: FileTime?
    private let lock = NSLock()
    private var folders: Set<String> = []
    private var paths: Set<String> = []
    private var summary = Summary()
    /// The inode of files kept from the site in place (see `keep`).
    private var keptInodes: [String: UInt64] = [:]
    private var failure: Failure?
    /// Whether there is a previous site to compare with and link from (not on a first build).
    private let hasPrevious: Bool
    /// The staging folder and the site in place (-1 when there is none), open: files are made,
    /// linked and compared by their path inside them, so the kernel does not walk the folders above
    /// for each of them again (that walk was a third of creating a page's file).
    private let stagingFolder: Int32
    private let outputFolder: Int32
    /// The permissions of a file made with mode 0644 under this process's umask.
    private let newFileMode: mode_t

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

    /// Creates an empty staging folder beside `output` (removing any a killed build left).
    public init(output: String) throws {
        newFileMode = 0o644 & ~Self.umask()
        var path = output
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.output = path
        var info = stat()
        hasPrevious = stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        let folder = (path as NSString).deletingLastPathComponent
        let parent = folder.isEmpty ? "." : folder
        let name = (path as NSString).lastPathComponent
        staging = parent + "/.\(name).wazi-new-\(getpid())"
        spare = parent + "/.\(name).wazi-spare"
        let prefix = ".\(name).wazi-new-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            FileTree.remove(parent + "/" + entry)
        }
        var spareInfo = stat()
        if lstat(spare, &spareInfo) == 0, (spareInfo.st_mode & S_IFMT) == S_IFDIR, rename(spare, staging) == 0 {
            recycled = true
        } else {
            FileTree.remove(spare)
            recycled = false
            do {
                try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            } catch {
                throw Failure("cannot create \(staging): \(error)")
            }
        }
        stagingFolder = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard stagingFolder >= 0 else { throw Failure("cannot open \(staging): \(errorText())") }
        outputFolder = hasPrevious ? open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
    }

    deinit {
        close(stagingFolder)
        if outputFolder >= 0 { close(outputFolder) }
        pageSlots.deallocate()
    }

    /// Makes room for this build's pages, `paths` in the order of its jobs; `same`: the last
    /// build's pages, in the same order; `recorded`: the inode the last build recorded for each (see
    /// `recorded`). Called once, before any page is written or kept.
    func expectPages(_ paths: [String], same: Bool, recorded: [UInt64]) {
        pageSlots = .allocate(capacity: paths.count)
        pageSlots.initialize(repeating: Self.notPlaced)
        pagePaths = paths
        samePages = same
        recordedPages = recorded
    }

    /// Creates the folders of these files now, in order, on one thread: parallel writers creating
    /// folders side by side contend for their parent's lock, which made each mkdir several times slower.
    /// A recycled spare is only listed (its files are checked at `commit`): it has the folders of
    /// nearly every file already, and the few it lacks are made by their writers (see `keep`).
    public func prepareFolders(for paths: [String]) {
        if recycled {
            guard !spareKnown else { return }
            var files: [String] = []
            FileTree.walk(staging) { relative, isFolder in
                if !isFolder { files.append(relative) }
            }
            lock.withLock { spareFiles = files }
            return
        }
        var seen = Set<String>()
        for path in paths.sorted() {
            let folder = Self.folder(of: path)
            guard seen.insert(folder).inserted else { continue }
            do { try makeFolder(folder) } catch let error as Failure { fail(error) } catch {}
        }
    }

    /// Takes the recycled spare's files from the build that retired it instead of listing them
    /// (10,000 folders), when it is that very folder and none of its folders changed since it was
    /// complete: an entry added, removed or replaced changes its folder's change time (which, unlike
    /// the modification time, cannot be set back). `record`: the identity, time and extra files
    /// `BuildCache.Spare` gives; `files`: the files of the site in place (the spare has the same
    /// but those new since, which a folder's absence accounts for). Returns whether it was taken.
    /// Called before anything is written to the staging folder. (A change made by hand while the
    /// system clock was set back would go unseen: the spare would keep a file it should not.)
    @discardableResult
    func trustSpare(_ record: BuildCache.Spare?, pages: [String], others: [String]) -> Bool {
        guard recycled, let record, record.identity == stagingIdentity else { return false }
        let folders = record.folders ?? Self.folders(of: pages, others + record.extra)
        var top = stat()
        // The top folder's change time moved when it was swapped out; its modification time did not.
        guard fstat(stagingFolder, &top) == 0, FileTime(top.st_mtim) <= record.since else { return false }
        for folder in folders {
            var info = stat()
            if fstatat(stagingFolder, folder, &info, AT_SYMLINK_NOFOLLOW) != 0 {
                // Not there: new since (its parent, checked too, tells if it was removed).
                guard errno == ENOENT else { return false }
                continue
            }
            guard (info.st_mode & S_IFMT) == S_IFDIR, FileTime(info.st_ctim) <= record.since else { return false }
        }
        lock.withLock {
            sparePages = pages
            spareFiles = others + record.extra
        }
        spareKnown = true
        return true
    }

    /// Adds a file; safe to call from several threads. The first failure is kept for `commit`.
    /// `changed`: known to differ from the site in place's file, which is then not read to compare.
    public func write(_ file: OutputFile, changed: Bool = false) {
        place(file.bytes, at: file.path, compare: !changed)
    }

    /// Adds the page at `index` among the jobs (see `expectPages`), as `write` does.
    func writePage(_ index: Int, _ file: OutputFile) {
        place(file.bytes, at: file.path, page: index)
    }

    /// Adds a large file written in chunks as `produce` makes it; returns its size. As with `write`, a file
    /// whose bytes did not change is linked from the previous site instead.
    func stream(_ relative: String, _ produce: (ByteStream) -> Void) -> Int {
        do {
            try makeFolder(Self.folder(of: relative))
        } catch let error as Failure {
            fail(error)
        } catch {}
        let file = create(relative, recorded: recorded[relative]?.inode)
        let (size, failure) = ByteStream.write(to: file.fd, size: file.size, shown: staging + "/" + relative, produce)
        if let failure {
            fail(Failure(failure))
            return size
        }
        let same = hasPrevious && sameFiles(relative) && unlinkat(stagingFolder, relative, 0) == 0
            && linkat(outputFolder, relative, stagingFolder, relative, 0) == 0
        lock.withLock {
            paths.insert(relative)
            if same { summary.unchanged += 1 } else { summary.written += 1 }
        }
        return size
    }

    /// The staged file at `relative` as `stat` gives it (not following a link), nil when there is none.
    func staged(_ relative: String) -> stat? {
        var info = stat()
        return fstatat(stagingFolder, relative, &info, AT_SYMLINK_NOFOLLOW) == 0 ? info : nil
    }

    /// Device and inode of the staging folder: after the swap, of the output. The build cache records
    /// it, so a cache is only trusted for the very folder it describes (a build killed between the
    /// swap and the cache write, or before the swap, leaves them apart).
    public var stagingIdentity: String { Self.identity(staging) }

    public static func identity(_ folder: String) -> String {
        var info = stat()
        guard stat(folder, &info) == 0 else { return "" }
        return "\(info.st_dev):\(info.st_ino)"
    }

    /// Keeps the previous site's file as it is (a hard link); false when there is none to keep.
    /// `inode`: the file's inode in the site in place as the last build recorded it (see
    /// `BuildCache.Output.inode`): a recycled spare holding that very file keeps it without a look at the
    /// site in place (two stats per kept page were a tenth of a rebuild after one edit).
    /// A trusted spare (see `trustSpare`) holds it without a look: the last build recorded the inode
    /// only for a file it kept, which the site it retired, this spare, held too.
    public func keep(_ relative: String, inode: UInt64? = nil) -> Bool {
        guard let kept = keptInode(relative, inode: inode) else { return false }
        lock.withLock {
            paths.insert(relative)
            summary.unchanged += 1
            if kept != 0 { keptInodes[relative] = kept }
        }
        return true
    }

    /// Keeps the page at `index` among the jobs (see `expectPages`), as `keep` does; its slot
    /// records it, without the lock (each page is kept or written by one thread).
    func keepPage(_ index: Int, _ relative: String, inode: UInt64?) -> Bool {
        guard let kept = keptInode(relative, inode: inode) else { return false }
        pageSlots[index] = kept
        return true
    }

    /// Keeps the site in place's file at `relative` (see `keep`): its inode, 0 when not known; nil
    /// when it cannot be kept.
    private func keptInode(_ relative: String, inode: UInt64?) -> UInt64? {
        var here = stat()
        if recycled, let inode, spareKnown || (fstatat(stagingFolder, relative, &here, AT_SYMLINK_NOFOLLOW) == 0
                                               && UInt64(here.st_ino) == inode && (here.st_mode & S_IFMT) == S_IFREG) {
            return inode
        }
        // A recycled spare mostly has the folder already, and often the very file: tried first, the
        // folder is made only when that fails. Asking for the folder first cost a failing mkdir
        // per page while `prepareFolders` was still listing the spare.
        var kept = recycled ? linkPrevious(relative) : nil
        if kept == nil {
            do { try makeFolder(Self.folder(of: relative)) } catch { return nil }
            kept = linkPrevious(relative)
        }
        return kept
    }

    /// Whether the recycled spare's files were taken from the last build (see `trustSpare`).
    var spareTrusted: Bool { spareKnown }

    /// The inodes of the files kept, for the next build (see `keep`): of the pages by their places
    /// (0 for one written, or whose inode is not known), of the other files by path.
    var inodes: [String: UInt64] { lock.withLock { keptInodes } }

    var pageInodes: [UInt64] { pageSlots.map { $0 >= Self.written ? 0 : $0 } }

    /// Copies a file as it is (assets, documents).
    public func copy(from source: String, to path: String) {
        guard let bytes = FileBytes.read(source) else {
            fail(Failure("cannot read \(source)"))
            return
        }
        place(bytes, at: path)
    }

    /// Swaps the staging folder in; throws (and changes nothing) if any write failed.
    @discardableResult
    /// - Parameter removed: how many files of the site in place this build does not have, when known
    ///   (from the build cache); else the output folder is walked to count them.
    public func commit(removed: Int? = nil) throws -> Summary {
        if let failure = lock.withLock({ failure }) {
            abandon()
            throw failure
        }
        var done = lock.withLock { summary }
        // The pages kept (the others, and the pages written, are counted as they are placed).
        done.unchanged += pageSlots.reduce(0) { $0 + ($1 < Self.written ? 1 : 0) }
        done.removed = removed ?? countRemoved()
        settle()
        waitForTheFileClock()
        do {
            try swapIn()
        } catch {
            abandon()
            throw error
        }
        return done
    }

    /// Removes what a recycled spare held that this build did not produce: the staging folder is then
    /// the site as it goes live. Returns the time from which a change to its folders is not the build's
    /// (see `trustSpare`). Called once every file is in place.
    @discardableResult
    func settle() -> FileTime {
        if let settledAt = lock.withLock({ settledAt }) { return settledAt }
        if recycled { removeLeftovers() }
        let now = FileTime.now
        lock.withLock { settledAt = now }
        return now
    }

    /// Waits, before the swap, until the clock the file system stamps changes with has passed the
    /// time `settle` gave (it runs up to a tick, 1 to 10 ms, behind): any change once the site is
    /// live gets a later time than every change the build made. Usually already so.
    private func waitForTheFileClock() {
        guard let settledAt = lock.withLock({ settledAt }) else { return }
        var now = timespec()
        for _ in 0..<100 {
            clock_gettime(CLOCK_REALTIME_COARSE, &now)
            if FileTime(now) > settledAt { return }
            usleep(500)
        }
    }

    /// Sets the staging folder aside as the spare (nothing in it is trusted, see above): the output
    /// is left as it was.
    public func abandon() {
        // An empty new folder (nothing changed, or an early failure) would make a useless spare.
        if !recycled && lock.withLock({ paths.isEmpty }) && !pageSlots.contains(where: { $0 != Self.notPlaced }) {
            FileTree.remove(staging)
        } else {
            retire(staging)
        }
    }

    /// Keeps `folder` as the spare for the next build, or removes it if it cannot be.
    private func retire(_ folder: String) {
        FileTree.remove(spare)
        if rename(folder, spare) != 0 { FileTree.remove(folder) }
    }

    private func fail(_ error: Failure) {
        lock.withLock { if failure == nil { failure = error } }
    }

    /// Links the previous site's file when its bytes are the same, else writes the new bytes.
    /// `page`: the file is the page at that place among the jobs (see `expectPages`).
    private func place(_ bytes: [UInt8], at relative: String, compare: Bool = true, page: Int? = nil) {
        let path = staging + "/" + relative
        do {
            try makeFolder(Self.folder(of: relative))
            let same = hasPrevious && compare && sameBytes(relative, bytes) && linkPrevious(relative) != nil
            if !same {
                let (fd, size) = create(relative, recorded: page.map { recordedPages.indices.contains($0) ? recordedPages[$0] : 0 }
                                            ?? recorded[relative]?.inode)
                guard fd >= 0 else { throw Failure("cannot write \(path): \(errorText())") }
                defer { close(fd) }
                try Self.write(bytes, fd: fd, path: path)
                guard size <= bytes.count || ftruncate(fd, off_t(bytes.count)) == 0 else {
                    throw Failure("cannot write \(path): \(errorText())")
                }
            }
            if let page { pageSlots[page] = Self.written }
            lock.withLock {
                if page == nil { paths.insert(relative) }
                if same { summary.unchanged += 1 } else { summary.written += 1 }
            }
        } catch let error as Failure {
            fail(error)
        } catch {
            fail(Failure("cannot write \(path): \(error)"))
        }
    }

    /// Puts the previous site's file at `path` as a hard link; nil when it cannot, else its inode
    /// (0 when not known). In a recycled spare the file there may already be that very file;
    /// anything else there is replaced. The inode of a file linked is asked for: recorded, the next
    /// build keeps the file without a look (without it, the build after one with a new staging
    /// folder looked at every page twice).
    private func linkPrevious(_ relative: String) -> UInt64? {
        guard outputFolder >= 0 else { return nil }
        if recycled {
            var here = stat(), there = stat()
            if fstatat(stagingFolder, relative, &here, AT_SYMLINK_NOFOLLOW) == 0,
               fstatat(outputFolder, relative, &there, AT_SYMLINK_NOFOLLOW) == 0,
               here.st_dev == there.st_dev, here.st_ino == there.st_ino { return UInt64(here.st_ino) }
            vacate(relative)
        }
        guard linkat(outputFolder, relative, stagingFolder, relative, 0) == 0 else { return nil }
        var linked = stat()
        return fstatat(stagingFolder, relative, &linked, AT_SYMLINK_NOFOLLOW) == 0 ? UInt64(linked.st_ino) : 0
    }

    /// The file at `relative` in the staging folder, open for writing from its start, with the size it
    /// has (a writer that writes less cuts it to its length); -1 when it cannot be made (`errno` says
    /// why). A recycled spare's file that no other name shares is written over in place: its pages are
    /// reused instead of freed and taken again (wazi.json's 48 MB at 10,000 pages). A shared one may
    /// be the site in place's very file (a hard link), so it is replaced, never changed; so is one the
    /// last build recorded as a file of the site in place, whose other name was removed by hand: a
    /// build that failed after writing over it would leave it changed under an inode the next build
    /// keeps without reading (see `keep`).
    private func create(_ relative: String, recorded: UInt64? = nil) -> (fd: Int32, size: Int) {
        // (Also only with the mode a new file gets, so a file changed by hand is not carried over.)
        if recycled {
            let fd = openat(stagingFolder, relative, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
            var info = stat()
            if fd >= 0, fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1,
               info.st_mode & 0o7777 == newFileMode, recorded != UInt64(info.st_ino) {
                return (fd, Int(info.st_size))
            }
            if fd >= 0 { close(fd) }
            vacate(relative)
        }
        return (openat(stagingFolder, relative, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644), 0)
    }

    /// This process's umask, from /proc (setting it to read it would race with threads making files);
    /// where there is no /proc, read the only other way.
    private static func umask() -> mode_t {
        if let mask = ProcessStatus.value("Umask").flatMap({ mode_t($0, radix: 8) }) { return mask }
        let mask = Glibc.umask(0o022)
        Glibc.umask(mask)
        return mask
    }

    /// Clears `path` in a recycled spare before a file is made there: a file may be shared with the
    /// site in place, so it is unlinked, never overwritten.
    private func vacate(_ relative: String) {
        guard recycled, unlinkat(stagingFolder, relative, 0) != 0, errno == EISDIR else { return }
        FileTree.remove(staging + "/" + relative)
    }

    /// Whether `file` is one of this build's files: `placed` (the files but the pages), the pages.
    /// The pages' paths are put in a set only when asked.
    private func thisBuilds(placed: Set<String>) -> (String) -> Bool {
        var pages: Set<String>?
        return { file in
            if placed.contains(file) { return true }
            if pages == nil { pages = Set(self.pagePaths) }
            return pages?.contains(file) ?? false
        }
    }

    /// Removes what a recycled spare held that this build did not produce, and the folders left empty.
    /// A trusted spare (see `trustSpare`) has the last build's pages apart: they are all this build's
    /// when the pages are the same, and its other files then are not pages of this build either
    /// (they were not the last build's pages).
    private func removeLeftovers() {
        let (placed, pages, files) = lock.withLock { (paths, sparePages, spareFiles) }
        let isThisBuilds = thisBuilds(placed: placed)
        let leftovers = spareKnown && samePages ? files.filter { !placed.contains($0) } : (pages + files).filter { !isThisBuilds($0) }
        for file in leftovers {
            guard unlinkat(stagingFolder, file, 0) == 0 else { continue }
            // Up through the folders this emptied (rmdir fails, harmlessly, on one still in use).
            var folder = Self.folder(of: file)
            while !folder.isEmpty, unlinkat(stagingFolder, folder, AT_REMOVEDIR) == 0 {
                folder = Self.folder(of: folder)
            }
        }
    }

    /// Every folder holding these files, and the folders above them.
    static func folders(of files: some Collection<String>, _ more: [String]) -> Set<String> {
        var folders = Set<String>()
        folders.reserveCapacity(files.count)
        for file in [files.lazy.map { $0 }, more.lazy.map { $0 }].joined() {
            var folder = Self.folder(of: file)
            while !folder.isEmpty, folders.insert(folder).inserted { folder = Self.folder(of: folder) }
        }
        return folders
    }

    /// The folder holding `path` inside the site (which wazi builds as `folder/name`, never with a
    /// trailing slash), "" for the site's top: NSString's version bridges on Linux, for every file.
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// mkdir -p inside the staging folder with POSIX calls, remembering what exists (FileManager is
    /// slow for thousands of folders). `folder` is relative to the staging folder, "" being itself.
    private func makeFolder(_ folder: String) throws {
        if folder.isEmpty || lock.withLock({ folders.contains(folder) }) { return }
        try makeFolder(Self.folder(of: folder))
        let isFolder = { () -> Bool in
            var info = stat()
            return fstatat(self.stagingFolder, folder, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }
        if mkdirat(stagingFolder, folder, 0o755) != 0 {
            guard errno == EEXIST else { throw Failure("cannot create \(staging)/\(folder): \(errorText())") }
            // A recycled spare may hold a file where this build needs a folder (another thread may
            // be replacing it at the same time).
            if recycled, !isFolder() {
                _ = unlinkat(stagingFolder, folder, 0)
                guard mkdirat(stagingFolder, folder, 0o755) == 0 || (errno == EEXIST && isFolder()) else {
                    throw Failure("cannot create \(staging)/\(folder): \(errorText())")
                }
            }
        }
        lock.withLock { _ = folders.insert(folder) }
    }

    /// Puts the new folder in place of the output: one atomic exchange where the kernel has it.
    private func swapIn() throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: output) else {
            guard rename(staging, output) == 0 else { throw Failure("cannot create \(output): \(errorText())") }
            return
        }
        if let exchange = Self.renameExchange, exchange(AT_FDCWD, staging, AT_FDCWD, output, Self.exchangeFlag) == 0 {
            // `staging` now holds the previous site: the next build's staging folder.
            retire(staging)
            return
        }
        // No atomic exchange (old kernel or file system): two renames, the old site kept until the new is in place.
        let retired = staging.replacingOccurrences(of: ".wazi-new-", with: ".wazi-old-")
        FileTree.remove(retired)
        guard rename(output, retired) == 0 else { throw Failure("cannot move \(output) aside: \(errorText())") }
        guard rename(staging, output) == 0 else {
            let reason = errorText()
            _ = rename(retired, output)
            throw Failure("cannot put the new site in place at \(output): \(reason)")
        }
        FileTree.remove(retired)
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let exchangeFlag: UInt32 = 1 << 1 // RENAME_EXCHANGE
    /// glibc's renameat2, which Swift's Glibc module does not import.
    private static let renameExchange: RenameAt2? = {
        guard let symbol = libcSymbol("renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    private func countRemoved() -> Int {
        let isThisBuilds = thisBuilds(placed: lock.withLock { paths })
        return FileTree.files(under: output).filter { !isThisBuilds($0) }.count
    }

    /// Whether the site in place has `relative` with these very bytes.
    private func sameBytes(_ relative: String, _ bytes: [UInt8]) -> Bool {
        guard Self.size(relative, in: outputFolder) == bytes.count else { return false }
        let fd = openat(outputFolder, relative, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return FileBytes.holds(fd, bytes)
    }

    /// Whether the site in place and the staging folder hold the same bytes at `relative`, compared a
    /// chunk at a time.
    private func sameFiles(_ relative: String) -> Bool {
        guard let size = Self.size(relative, in: outputFolder), size == Self.size(relative, in: stagingFolder) else { return false }
        let fa = openat(outputFolder, relative, O_RDONLY | O_CLOEXEC), fb = openat(stagingFolder, relative, O_RDONLY | O_CLOEXEC)
        defer { if fa >= 0 { close(fa) }; if fb >= 0 { close(fb) } }
        guard fa >= 0, fb >= 0 else { return false }
        return FileBytes.same(fa, fb, count: size)
    }

    /// The size of a regular file in `folder` (following a link, as reading it does), nil when there is none.
    private static func size(_ relative: String, in folder: Int32) -> Int? {
        var info = stat()
        guard folder >= 0, fstatat(folder, relative, &info, 0) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    static func write(_ bytes: [UInt8], fd: Int32, path: String) throws {
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
