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

/// How long each stage of a build took, and the process's resident memory when it ended
/// (`wazi build --timings`).
public struct StageTimings: Sendable {
    public private(set) var stages: [(name: String, seconds: Double, residentMiB: Int)] = []
    /// Stages that ran at the same time as the others, on a lane of their own.
    var beside: [(name: String, seconds: Double, residentMiB: Int)] = []
    private var last = ContinuousClock.now

    init() {}

    /// Adds another lane's stages after these.
    mutating func append(_ other: StageTimings) {
        stages += other.stages
    }

    mutating func lap(_ name: String) {
        let now = ContinuousClock.now
        let elapsed = now - last
        stages.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                       Self.memory("VmRSS:")))
        last = now
    }

    public var description: String {
        let total = stages.reduce(0) { $0 + $1.seconds }
        let lines = stages.map { stage in
            stage.name.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: "%8.3f s %6d MiB resident", stage.seconds, stage.residentMiB)
        }
        let parallel = beside.map { stage in
            stage.name.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%8.3f s (beside pages)", stage.seconds)
        }
        return (lines + ["total   " + String(format: "%8.3f s %6d MiB peak", total, Self.memory("VmHWM:"))] + parallel)
            .joined(separator: "\n")
    }

    /// A line of /proc/self/status in MiB (0 where there is none, as on macOS).
    static func memory(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
              let kB = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kB / 1024
    }
}

/// What a build did: every diagnostic, and the pages written when it succeeded.
public struct BuildReport: Sendable {
    public let diagnostics: [Diagnostic]
    public let pages: Int
    public let files: Int
    /// Files written, kept (same bytes) and removed; zero for `check` and failed builds.
    public var published = Publisher.Summary()
    public var timings = StageTimings()
    /// Pages rendered (the others were kept from the previous build).
    public var rendered = 0
    /// Rows of lists, and items of wazi.json, taken from the previous build instead of made again.
    public var reusedRows = 0
    public var reusedDataItems = 0
    /// Content files (with their translations) taken decoded from the previous build.
    public var reusedFiles = 0
    /// When nothing changed: the diagnostics of the build that made the site, as printed then.
    public var replayed: [String] = []
    /// What the build made (model, pages, caches), handed back so that a process exiting right after
    /// the report (the `wazi` command) does not free it piece by piece: at 10,000 pages that took
    /// 50-60 ms of a rebuild after one edit, and more after a full build. Never read.
    var held: Held?

    final class Held: @unchecked Sendable {
        let values: [Any]
        init(_ values: Any...) { self.values = values }
    }

    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
}

/// The pipeline: Content → Model → Render → Publish, each stage taking the previous one's value.
public enum Build {
    /// Validates and renders without writing anything (`wazi check`).
    public static func check(_ options: BuildOptions) -> BuildReport {
        execute(options, publisher: nil)
    }

    /// Builds the site into `options.output`; on any error the previous output stays as it was.
    public static func run(_ options: BuildOptions) -> BuildReport {
        let publisher: Publisher
        do {
            publisher = try Publisher(output: options.output)
        } catch {
            return BuildReport(diagnostics: [Diagnostic(.error, SourceLocation(file: options.output), "\(error)")],
                               pages: 0, files: 0)
        }
        return execute(options, publisher: publisher)
    }

    static func failed(_ diagnostics: [Diagnostic], strict: Bool) -> Bool {
        diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
    }

    /// Runs every stage; with a publisher, outputs stream into its staging folder, which replaces the
    /// output only if the build succeeds. A publisher also reads and writes the build cache.
    private static func execute(_ options: BuildOptions, publisher: Publisher?) -> BuildReport {
        Memory.tune()
        var timings = StageTimings()
        // The caches are read on other threads while the input files are stamped, and loaded.
        let reading = Lane.start(threads: options.threads) { publisher == nil ? nil : BuildCache.read(output: options.output) }
        let storedRows = Lane.start(threads: options.threads) { () -> (global: String, rows: [String: Fragments.StoredRow]) in
            publisher == nil ? ("", [:]) : RowCache.read(output: options.output)
        }
        let stamps = publisher == nil ? [:] : BuildCache.stamp(options)
        let previous = reading.value
        timings.lap("cache")
        if let previous, let publisher, previous.inputs == stamps, previous.outputIntact(options.output, threads: options.threads) {
            // Nothing changed since the last build: the site is already what this build would write.
            publisher.abandon()
            timings.lap("check")
            var report = BuildReport(diagnostics: [], pages: previous.pageCount, files: previous.outputs.count)
            report.replayed = previous.diagnostics
            report.published = Publisher.Summary(written: 0, unchanged: previous.outputs.count, removed: 0)
            report.timings = timings
            return report
        }
        var load = options.load
        load.threads = options.threads
        // Files unchanged since the last build are taken decoded from its cache (see DecodedCache).
        let decoded = publisher == nil ? nil : DecodedCache(output: options.output, stamps: stamps, threads: options.threads)
        let (site, loadDiagnostics) = SiteLoader.load(content: options.content, options: load, store: decoded)
        Memory.release()
        timings.lap("load")
        let log = DiagnosticLog()
        let theme = Theme.load(options.templates, languages: site?.config.languages ?? [], log: log)
        timings.lap("theme")
        var diagnostics = (loadDiagnostics + log.items).sorted()
        func stop() -> BuildReport {
            publisher?.abandon()
            decoded?.discard()
            var report = BuildReport(diagnostics: diagnostics, pages: 0, files: 0)
            report.timings = timings
            return report
        }
        guard let site, let theme, !failed(diagnostics, strict: options.strict) else { return stop() }

        let sink = FileSink(publisher: publisher)
        let renderer = SiteRenderer(site: site, theme: theme)
        let downloads = Eventually<[Download]>()
        let jobs = renderer.jobs(downloads: { downloads.value })
        let global = globalFingerprint(site, options: options)
        // Parts of the previous build reused where what they show is unchanged (see each type).
        if storedRows.value.global == global { renderer.fragments.offer(storedRows.value.rows) }
        let records = previous == nil ? JSONRecords() : JSONRecords(output: options.output, global: global)
        let prints = publisher == nil ? [:] : pageFingerprints(jobs, site: site, renderer: renderer)
        // Whether an output shows the same items as in the previous build (see `pageFingerprints`).
        let unchanged: @Sendable (String) -> Bool = { path in
            guard publisher != nil, let previous, previous.global == global, let print = prints[path] else { return false }
            return previous.pages[path] == print
        }
        // A page (or a meeting's calendar file) whose items are unchanged is kept as it is.
        let reusable: @Sendable (String) -> Bool = { path in
            guard unchanged(path), let publisher, let size = previous?.outputs[path], publisher.keep(path) else { return false }
            sink.log.add(path, size: size)
            return true
        }
        // The folders are made on a lane of their own, in order, ahead of the pages (a writer makes a
        // folder itself if it gets there first): on a busy disk each mkdir took a third of a millisecond.
        let folders = Lane.start(threads: options.threads) {
            publisher?.prepareFolders(for: jobs.map(\.outputPath))
        }
        // The data files, and the feeds and indexes, are made beside the pages: each is a long serial
        // task. The data page, which gives the data files' sizes, waits for them. When most pages will
        // be kept (same theme and options as the last build) they get a lane each; on a full build one
        // lane does both in turn, since the pages keep the cores busy and two would only add memory.
        let dataWork: @Sendable () -> StageTimings = {
            var lane = StageTimings()
            downloads.fulfil(OpenData.write(site, to: sink, log: renderer.problems, records: records) { path in
                // A table whose items are unchanged: the previous file's bytes (linked again by the sink).
                guard unchanged(path) else { return nil }
                return FileBytes.read(options.output + "/" + path)
            })
            Memory.release()
            lane.lap("data")
            return lane
        }
        let feedWork: @Sendable () -> StageTimings = {
            var lane = StageTimings()
            subscriptions(site, theme: theme, renderer: renderer, jobs: jobs, keep: reusable).forEach(sink.write)
            for copy in renderer.staticFiles(content: options.content) {
                var info = stat()
                sink.log.add(copy.path, size: stat(copy.source, &info) == 0 ? Int(info.st_size) : 0)
                publisher?.copy(from: copy.source, to: copy.path)
            }
            lane.lap("feeds")
            return lane
        }
        let lanes = previous?.global == global
            ? [Lane.start(threads: options.threads, dataWork), Lane.start(threads: options.threads, feedWork)]
            : [Lane.start(threads: options.threads) {
                var lane = dataWork()
                lane.append(feedWork())
                return lane
            }]
        let pages = renderer.renderPages(jobs, threads: options.threads, reuse: { reusable($0.outputPath) }, sink: sink.write)
        timings.lap("pages")
        timings.beside = lanes.flatMap(\.value.stages)
        _ = folders.value
        timings.lap("wait")
        diagnostics = Set(diagnostics + pages.diagnostics + renderer.problems.items).sorted()
        guard !failed(diagnostics, strict: options.strict) else { return stop() }
        var report = BuildReport(diagnostics: diagnostics, pages: pages.jobs.count, files: sink.log.count)
        report.rendered = pages.rendered
        report.reusedRows = renderer.fragments.reusedRows
        report.reusedDataItems = records.reused
        report.reusedFiles = decoded?.reused ?? 0
        report.held = BuildReport.Held(site, renderer, jobs, prints, previous as Any, stamps, decoded as Any, records,
                                       storedRows.value.rows, pages)
        if let publisher {
            // The cache names the folder it describes and is written before the swap: whatever moment
            // a build is killed at, the next one trusts it only if it matches the output in place.
            BuildCache(folder: publisher.stagingIdentity, global: global, inputs: stamps, pages: prints,
                       outputs: sink.log.sizes, diagnostics: diagnostics.map(\.description), pageCount: pages.jobs.count)
                .write(output: options.output)
            decoded?.commit()
            RowCache.write(renderer.fragments.rowsToKeep, output: options.output, global: global)
            records.write(output: options.output, global: global, folder: publisher.stagingIdentity,
                          size: sink.log.sizes["data/wazi.json"] ?? 0)
            do {
                // A cache is read only when it describes the very folder in place (`BuildCache.read`).
                report.published = try publisher.commit(previous: previous.map { Set($0.outputs.keys) })
            } catch {
                diagnostics.append(Diagnostic(.error, SourceLocation(file: options.output), "\(error)"))
                return stop()
            }
            timings.lap("publish")
        }
        report.timings = timings
        return report
    }

    /// Per page that shows particular items (`Job.dependencies`): one fingerprint of their keys and
    /// their files' fingerprints. Equal to the previous build's, the page would be the same (a page
    /// that shows another set of items has another fingerprint). Pages showing a key no item has
    /// get none, and are always rendered.
    private static func pageFingerprints(_ jobs: [SiteRenderer.Job], site: Site, renderer: SiteRenderer) -> [String: String] {
        let entities = site.entityFingerprints.merging(renderer.listFingerprints()) { a, _ in a }
        var prints: [String: String] = [:]
        // A meeting's calendar file shows the meeting (and, like every page, what the global fingerprint covers).
        let calendars = site.meetings.map { (Routes.meetingCalendar($0.slug), ["meeting:" + $0.slug]) }
        // A data table shows every item of its kind (a commitment's counts, its milestones').
        let tables = site.dataTables.flatMap { table -> [(String, [String])] in
            let list: String
            switch table.name {
            case "commitments", "milestones", "milestone_updates": list = Routes.commitments
            case "meetings", "action_items": list = Routes.meetings
            case "notes": list = Routes.notes
            default: return []  // made every time
            }
            return OpenData.tablePaths(table).map { ($0, ["list:" + list]) }
        }
        for (path, keys) in jobs.compactMap({ job in job.dependencies.map { (job.outputPath, $0) } }) + calendars + tables {
            var print = Fingerprint()
            var known = true
            for key in Set(keys).sorted() {
                guard let entity = entities[key] else {
                    known = false
                    break
                }
                print.add(key)
                print.add(entity)
            }
            if known { prints[path] = print.hex }
        }
        return prints
    }

    /// What every page depends on: the theme, site.yaml and bodies.yaml, free pages (navigation),
    /// institutions (their URLs), published files, the options and the date.
    private static func globalFingerprint(_ site: Site, options: BuildOptions) -> String {
        var print = Fingerprint()
        let fm = FileManager.default
        for path in ((try? fm.subpathsOfDirectory(atPath: options.templates)) ?? []).sorted() {
            guard let data = fm.contents(atPath: options.templates + "/" + path) else { continue }
            print.add(path)
            print.add(String(decoding: data, as: UTF8.self))
        }
        for name in ["site.yaml", "bodies.yaml"] {
            let data = fm.contents(atPath: (options.content as NSString).appendingPathComponent(name)) ?? Data()
            print.add(String(decoding: data, as: UTF8.self))
        }
        for page in site.pages { print.add(page.origin.fingerprint) }
        print.add(site.institutions.joined(separator: "\n"))
        print.add(site.files.joined(separator: "\n"))
        print.add(site.asOf.iso + String(options.load.drafts) + (options.load.baseURL ?? "") + Wazi.buildStamp)
        return print.hex
    }

    /// Feeds per language, the meeting calendars, the search indexes, the sitemap and robots.txt.
    /// `keep`: whether a meeting's calendar file is kept from the previous build (see `reusable`).
    private static func subscriptions(_ site: Site, theme: Theme, renderer: SiteRenderer,
                                      jobs: [SiteRenderer.Job], keep: (String) -> Bool) -> [OutputFile] {
        var files = site.config.languages.compactMap { language in
            theme.strings[language].map { AtomFeed.render(site, language: language, strings: $0) }
        }
        let strings = theme.strings[site.config.defaultLanguage]
        files += MeetingCalendar.files(site, strings: strings, keep: keep)
        let pages = jobs.filter { $0.language == site.config.defaultLanguage && $0.path != "404.html" }.map(\.path)
        return files + renderer.searchIndexes() + Sitemap.render(site, pagePaths: pages)
    }
}
