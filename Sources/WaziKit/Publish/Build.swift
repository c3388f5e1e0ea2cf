import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The inputs of `wazi build` and `wazi check`.
public struct BuildOptions: Sendable {
    public var content: String
    public var templates: String
    public var output: String
    public var load: LoadOptions
    public var threads: Int
    public var strict: Bool

    public init(content: String = "content", templates: String = "templates", output: String = "site",
                load: LoadOptions, threads: Int = ProcessInfo.processInfo.activeProcessorCount, strict: Bool = false) {
        self.content = content
        self.templates = templates
        self.output = output
        self.load = load
        self.threads = threads
        self.strict = strict
    }
}

/// The pipeline: Content → Model → Render → Publish, each step taking the previous one's value.
public enum Build {
    /// Validates and renders without writing anything (`wazi check`).
    public static func check(_ options: BuildOptions) -> BuildReport {
        execute(options, publisher: nil)
    }

    /// Builds the site into `options.output`; on any error the previous output stays as it was.
    /// `session`: what the last build of a process that builds again and again left in memory (see
    /// `BuildSession`); this build updates it.
    public static func run(_ options: BuildOptions, session: BuildSession? = nil) -> BuildReport {
        // The last build's caches written, before anything here reads them or recycles its spare.
        session?.settle()
        let publisher: Publisher
        do {
            publisher = try Publisher(output: options.output)
        } catch {
            return BuildReport(diagnostics: [Diagnostic(.error, SourceLocation(file: options.output), "\(error)")],
                               pages: 0, files: 0)
        }
        return execute(options, publisher: publisher, session: session)
    }

    static func failed(_ diagnostics: [Diagnostic], strict: Bool) -> Bool {
        diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
    }

    /// Runs every step; with a publisher, outputs stream into its staging folder, which replaces the
    /// output only if the build succeeds. A publisher also reads and writes the build cache.
    private static func execute(_ options: BuildOptions, publisher: Publisher?, session: BuildSession? = nil) -> BuildReport {
        Memory.tune()
        var timings = StageTimings()
        // Before the caches are read: a rebuild reads megabytes of them at once (see `Memory`).
        if publisher != nil, access(CacheFile.location(output: options.output, kind: "build"), F_OK) == 0 { Memory.preferHugePages() }
        let last = LastBuild(options, publisher: publisher, session: session)
        timings.lap("cache")
        if var report = replay(last, options, publisher: publisher) {
            timings.lap("check")
            report.timings = timings
            report.held = BuildReport.Held(last)
            return report
        }
        // The previous build's rows, read while the site loads (a build that replays needs none), and
        // the recycled staging folder checked against what the last build said of it: once every file
        // is decoded, when what is left of loading keeps one core busy, or once the model is patched.
        // For a rebuild the check starts as loading starts (a patched model leaves little else to do
        // meanwhile); the rows wait, so as not to slow the model cache's decoding, which the build waits for.
        let storedRows = LateLane(threads: options.threads) { () -> StoredRows in
            publisher == nil ? .none : session?.rows(output: options.output) ?? RowCache.read(output: options.output)
        }
        let spare = LateLane(threads: options.threads) {
            publisher?.trustSpare(last.cache?.spare, pages: last.cache?.pages.paths ?? [], others: Array(last.cache?.others.keys ?? [:].keys))
        }
        let loaded = load(options, last, publisher: publisher, session: session, timings: &timings, early: { spare.start() }) {
            storedRows.start()
            spare.start()
        }
        var diagnostics = loaded.diagnostics
        func stop() -> BuildReport {
            publisher?.abandon()
            loaded.decoded?.discard()
            var report = BuildReport(diagnostics: diagnostics, pages: 0, files: 0)
            report.timings = timings
            return report
        }
        guard let site = loaded.site, let theme = loaded.theme, !failed(diagnostics, strict: options.strict) else { return stop() }
        // Before anything is written to the staging folder (see `Publisher.recorded`).
        publisher?.recorded = last.cache?.others ?? [:]
        // The spare's check likewise (see `trustSpare`), but only then: planning, which writes nothing,
        // goes on beside it (after a patched model there was nothing else to do meanwhile).
        let written = write(site, theme: theme, options, last, storedRows, publisher: publisher,
                            ready: { _ = spare.value }, timings: &timings)
        diagnostics = diagnostics.sorted(adding: written.pages.diagnostics + written.renderer.problems.items, unique: true)
        guard !failed(diagnostics, strict: options.strict) else { return stop() }
        var report = BuildReport(diagnostics: diagnostics, pages: written.pages.jobs.count, files: written.sink.log.count)
        report.rendered = written.pages.rendered
        report.reusedRows = written.renderer.fragments.reusedRows
        report.reusedDataItems = written.records.reused
        report.reusedTableItems = written.tables.reused
        report.reusedFiles = loaded.decoded?.reused ?? 0
        report.rememberedFiles = loaded.decoded?.fromMemory ?? 0
        if let patched = loaded.patched, let model = loaded.model {
            report.patchedModel = true
            report.reusedFiles = model.groups - patched.decoded.count
            report.rememberedFiles = session == nil ? 0 : report.reusedFiles
        }
        report.keptScan = loaded.scanned?.kept ?? false
        report.spareTrusted = publisher?.spareTrusted ?? false
        report.held = BuildReport.Held(site, written, last, loaded)
        if let publisher {
            do {
                report.published = try commit(written, loaded, last, options, publisher: publisher, session: session,
                                              diagnostics: diagnostics)
            } catch {
                diagnostics.append(Diagnostic(.error, SourceLocation(file: options.output), "\(error)"))
                return stop()
            }
            timings.lap("publish")
        }
        report.timings = timings
        return report
    }

    /// When nothing changed since the last build, the site in place is already what this build would
    /// write: its report, with the diagnostics of the build that made it. Nil when something changed.
    private static func replay(_ last: LastBuild, _ options: BuildOptions, publisher: Publisher?) -> BuildReport? {
        guard let previous = last.cache, let publisher, previous.inputs == last.stamps.digest,
              previous.outputIntact(options.output, threads: options.threads) else { return nil }
        publisher.abandon()
        var report = BuildReport(diagnostics: [], pages: previous.pageCount, files: previous.fileCount)
        report.replayed = previous.diagnostics
        report.published = Publisher.Summary(written: 0, unchanged: previous.fileCount, removed: 0)
        return report
    }

    /// What rendering and writing made: the pages, the files logged, and what the next build keeps.
    struct Written {
        let renderer: SiteRenderer
        let jobs: [SiteRenderer.Job]
        let pages: (jobs: [SiteRenderer.Job], rendered: Int, diagnostics: [Diagnostic])
        let sink: FileSink
        let global: String
        let prints: PagePrints
        let records: JSONRecords
        let tables: TableRecords
    }

    /// Which outputs are the same as the last build's: a file whose items are unchanged (see
    /// `pageFingerprints`) under the same global fingerprint.
    private struct Reuse: Sendable {
        let previous: BuildCache?
        let global: String
        let prints: PagePrints
        /// The last build's record of each page, by this build's places (see `previousPages`).
        let pages: [BuildCache.Output?]
        let publisher: Publisher?
        let sink: FileSink

        /// The last build's record of the file at `path` when it shows the same items as then.
        private func unchanged(_ path: String) -> BuildCache.Output? {
            guard publisher != nil, let previous, previous.global == global, let print = prints.files[path],
                  let output = previous.others[path], output.print == print else { return nil }
            return output
        }

        /// Keeps the last build's page at `index` among the jobs when it is unchanged.
        func keepPage(_ index: Int, _ job: SiteRenderer.Job) -> Bool {
            guard let publisher, let previous, previous.global == global, let print = prints.pages[index],
                  let output = pages[index], output.print == print,
                  publisher.keepPage(index, job.outputPath, inode: output.inode == 0 ? nil : output.inode) else { return false }
            sink.log.addPage(index, size: output.size)
            return true
        }

        /// Whether the file at `path` shows the same items as in the last build.
        func unchanged(_ path: String) -> Bool { unchanged(path) != nil }

        /// Keeps the last build's file at `path` (a feed, a meeting's calendar) when it is unchanged.
        func keep(_ path: String) -> Bool {
            guard let output = unchanged(path), let publisher,
                  publisher.keep(path, inode: output.inode == 0 ? nil : output.inode) else { return false }
            sink.log.add(path, size: output.size)
            return true
        }
    }

    /// Model → Render → files: the pages on every core, and beside them the data files, feeds and
    /// indexes, each a long serial task; what is unchanged since the last build is kept.
    /// `ready`: returns once files may be written (see `execute`).
    private static func write(_ site: Site, theme: Theme, _ options: BuildOptions, _ last: LastBuild, _ stored: LateLane<StoredRows>,
                              publisher: Publisher?, ready: @escaping @Sendable () -> Void, timings: inout StageTimings) -> Written {
        let sink = FileSink(publisher: publisher)
        let renderer = SiteRenderer(site: site, theme: theme)
        // What pages show, fingerprinted while the jobs are made (neither needs the other).
        let items = Lane.start(threads: options.threads) { () -> Items? in
            publisher == nil ? nil : itemFingerprints(site, renderer: renderer)
        }
        let global = globalFingerprint(site, options: options)
        let records = last.cache == nil ? JSONRecords() : JSONRecords(output: options.output, global: global)
        // wazi.json needs only the model and its items from the last build: started now, beside the
        // planning (after one edit it was the last lane to finish).
        let document = Lane.start(threads: options.threads) {
            ready()
            return OpenData.writeDocument(site, to: sink, log: renderer.problems, records: records)
        }
        let downloads = Eventually<[Download]>()
        let jobs = renderer.jobs(downloads: { downloads.value })
        sink.log.expectPages(jobs.count)
        // Parts of the previous build reused where what they show is unchanged (see each type).
        let storedRows = stored.value
        if storedRows.global == global { renderer.fragments.offer(storedRows) }
        let tables = last.cache == nil ? TableRecords() : TableRecords(output: options.output, global: global)
        let prints = items.value.map { pageFingerprints(jobs, items: $0, site: site) } ?? PagePrints()
        let pagePaths = jobs.map(\.outputPath)
        let previousPages = Self.previousPages(last.cache, paths: pagePaths, set: prints.set)
        publisher?.expectPages(pagePaths, same: last.cache?.hasPages(prints.set, count: pagePaths.count) ?? false,
                               recorded: previousPages.map { $0?.inode ?? 0 })
        let reuse = Reuse(previous: last.cache, global: global, prints: prints, pages: previousPages, publisher: publisher, sink: sink)
        ready()
        timings.lap("plan")
        // The folders are made on a lane of their own, in order, ahead of the pages (a writer makes a
        // folder itself if it gets there first): on a busy disk each mkdir took a third of a millisecond.
        let folders = Lane.start(threads: options.threads) {
            publisher?.prepareFolders(for: pagePaths)
        }
        // When most pages will be kept (same theme and options as the last build), the data files and
        // the feeds get a lane each and the tables are made on every core: the tables were the last
        // lane to finish after one edit. On a full build one lane does both in turn, a table at a
        // time, since the pages keep the cores busy and more at once would only add memory.
        let incremental = last.cache?.global == global
        // The data page, which gives the data files' sizes, waits for them.
        let dataWork: @Sendable () -> StageTimings = {
            var lane = StageTimings()
            downloads.fulfil(OpenData.write(site, to: sink, log: renderer.problems, records: records, tables: tables,
                                            document: { document.value }, threads: incremental ? options.threads : 1,
                                            unchanged: reuse.unchanged, keep: reuse.keep))
            // Memory freed given back on a full build, where the pages need room; after an edit it
            // was only taken again (each page zeroed by the kernel).
            if !incremental { Memory.release() }
            lane.lap("data")
            return lane
        }
        let feedWork: @Sendable () -> StageTimings = {
            var lane = StageTimings()
            subscriptions(site, theme: theme, renderer: renderer, jobs: jobs, keep: reuse.keep).forEach(sink.write)
            for copy in renderer.staticFiles(content: options.content) {
                var info = stat()
                sink.log.add(copy.path, size: stat(copy.source, &info) == 0 ? Int(info.st_size) : 0)
                publisher?.copy(from: copy.source, to: copy.path)
            }
            lane.lap("feeds")
            return lane
        }
        let lanes = incremental
            ? [Lane.start(threads: options.threads, dataWork), Lane.start(threads: options.threads, feedWork)]
            : [Lane.start(threads: options.threads) {
                var lane = dataWork()
                lane.append(feedWork())
                return lane
            }]
        let pages = renderer.renderPages(jobs, threads: options.threads, reuse: reuse.keepPage, sink: sink.writePage)
        timings.lap("pages")
        timings.beside = lanes.flatMap(\.value.stages)
        _ = folders.value
        timings.lap("wait")
        return Written(renderer: renderer, jobs: jobs, pages: pages, sink: sink, global: global, prints: prints, records: records,
                       tables: tables)
    }

    /// The last build's record of each page (`paths`, in the order of this build's jobs): at the same
    /// place when it had the same pages in the same order (`set`), else found by path.
    private static func previousPages(_ previous: BuildCache?, paths: [String], set: UInt64) -> [BuildCache.Output?] {
        guard let previous else { return Array(repeating: nil, count: paths.count) }
        if previous.hasPages(set, count: paths.count) { return previous.pages.outputs }
        let byPath = Dictionary(zip(previous.pages.paths, previous.pages.outputs)) { first, _ in first }
        return paths.map { byPath[$0] }
    }

    /// Feeds per language, the meeting calendars, the search indexes, the sitemap and robots.txt.
    /// `keep`: whether a file (a feed, a calendar, the sitemap) is kept from the previous build (see `Reuse`).
    private static func subscriptions(_ site: Site, theme: Theme, renderer: SiteRenderer,
                                      jobs: [SiteRenderer.Job], keep: (String) -> Bool) -> [OutputFile] {
        // A feed is kept when it would list the same items, unchanged (see `AtomFeed.fingerprint`).
        var files = site.config.languages.compactMap { language -> OutputFile? in
            guard let strings = theme.strings[language], !keep(AtomFeed.path(site, language: language)) else { return nil }
            return AtomFeed.render(site, language: language, strings: strings)
        }
        let strings = theme.strings[site.config.defaultLanguage]
        files += MeetingCalendar.files(site, strings: strings, keep: keep)
        files += renderer.searchIndexes()
        // The sitemap and robots.txt are kept when the site has the same pages (see `pageFingerprints`).
        let kept = ["sitemap.xml", "robots.txt"].filter(keep)
        guard kept.count < 2 else { return files }
        let pages = jobs.filter { $0.language == site.config.defaultLanguage && $0.path != "404.html" }.map(\.path)
        return files + Sitemap.render(site, pagePaths: pages).filter { !kept.contains($0.path) }
    }
}
