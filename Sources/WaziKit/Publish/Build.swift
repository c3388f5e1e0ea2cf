import Foundation

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

/// How long each stage of a build took (`wazi build --timings`).
public struct StageTimings: Sendable {
    public private(set) var stages: [(name: String, seconds: Double)] = []
    private var last = ContinuousClock.now

    init() {}

    mutating func lap(_ name: String) {
        let now = ContinuousClock.now
        let elapsed = now - last
        stages.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        last = now
    }

    public var description: String {
        let total = stages.reduce(0) { $0 + $1.seconds }
        return (stages + [("total", total)]).map { stage in
            stage.name.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%8.3f s", stage.seconds)
        }.joined(separator: "\n")
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
    /// output only if the build succeeds.
    private static func execute(_ options: BuildOptions, publisher: Publisher?) -> BuildReport {
        var timings = StageTimings()
        var load = options.load
        load.threads = options.threads
        let (site, loadDiagnostics) = SiteLoader.load(content: options.content, options: load)
        timings.lap("load")
        let log = DiagnosticLog()
        let theme = Theme.load(options.templates, languages: site?.config.languages ?? [], log: log)
        timings.lap("theme")
        var diagnostics = (loadDiagnostics + log.items).sorted()
        func stop() -> BuildReport {
            publisher?.abandon()
            var report = BuildReport(diagnostics: diagnostics, pages: 0, files: 0)
            report.timings = timings
            return report
        }
        guard let site, let theme, !failed(diagnostics, strict: options.strict) else { return stop() }

        let files = Counter()
        let sink: @Sendable (OutputFile) -> Void = { file in
            files.increment()
            publisher?.write(file)
        }
        let renderer = SiteRenderer(site: site, theme: theme)
        let data = OpenData.render(site)
        data.files.forEach(sink)
        timings.lap("data")
        let (pages, renderDiagnostics) = renderer.renderPages(downloads: data.downloads, threads: options.threads, sink: sink)
        timings.lap("pages")
        subscriptions(site, theme: theme, renderer: renderer).forEach(sink)
        for copy in renderer.staticFiles(content: options.content) {
            files.increment()
            publisher?.copy(from: copy.source, to: copy.path)
        }
        timings.lap("feeds")
        diagnostics = (diagnostics + renderDiagnostics).sorted()
        guard !failed(diagnostics, strict: options.strict) else { return stop() }
        var report = BuildReport(diagnostics: diagnostics, pages: pages, files: files.count)
        if let publisher {
            do {
                report.published = try publisher.commit()
            } catch {
                diagnostics.append(Diagnostic(.error, SourceLocation(file: options.output), "\(error)"))
                return stop()
            }
            timings.lap("publish")
        }
        report.timings = timings
        return report
    }

    /// Feeds per language, the meeting calendars, the search indexes, the sitemap and robots.txt.
    private static func subscriptions(_ site: Site, theme: Theme, renderer: SiteRenderer) -> [OutputFile] {
        var files = site.config.languages.compactMap { language in
            theme.strings[language].map { AtomFeed.render(site, language: language, strings: $0) }
        }
        let strings = theme.strings[site.config.defaultLanguage]
        files.append(MeetingCalendar.all(site, strings: strings))
        files += site.meetings.map { MeetingCalendar.single(site, $0, strings: strings) }
        let pages = renderer.jobs().filter { $0.language == site.config.defaultLanguage && $0.path != "404.html" }.map(\.path)
        return files + renderer.searchIndexes() + Sitemap.render(site, pagePaths: pages)
    }
}
