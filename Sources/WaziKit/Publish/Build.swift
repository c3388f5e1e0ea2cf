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
        let prepared = prepare(options)
        var report = BuildReport(diagnostics: prepared.diagnostics, pages: prepared.pages, files: 0)
        report.timings = prepared.timings
        return report
    }

    /// Builds the site into `options.output`; on any error the previous output stays as it was.
    public static func run(_ options: BuildOptions) -> BuildReport {
        var prepared = prepare(options)
        let diagnostics = prepared.diagnostics
        guard let renderer = prepared.renderer, let outputs = prepared.outputs, !failed(diagnostics, strict: options.strict) else {
            var report = BuildReport(diagnostics: diagnostics, pages: 0, files: 0)
            report.timings = prepared.timings
            return report
        }
        let copies = renderer.staticFiles(content: options.content)
        do {
            let summary = try Publisher(output: options.output).publish(outputs, copies: copies)
            prepared.timings.lap("publish")
            var report = BuildReport(diagnostics: diagnostics, pages: prepared.pages, files: outputs.count + copies.count)
            report.published = summary
            report.timings = prepared.timings
            return report
        } catch {
            let problem = Diagnostic(.error, SourceLocation(file: options.output), "\(error)")
            return BuildReport(diagnostics: diagnostics + [problem], pages: 0, files: 0)
        }
    }

    static func failed(_ diagnostics: [Diagnostic], strict: Bool) -> Bool {
        diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
    }

    /// The stages before publishing: every output in memory, or the diagnostics that stop the build.
    private struct Prepared {
        var renderer: SiteRenderer?
        var diagnostics: [Diagnostic]
        var outputs: [OutputFile]?
        var pages = 0
        var timings: StageTimings
    }

    private static func prepare(_ options: BuildOptions) -> Prepared {
        var timings = StageTimings()
        var load = options.load
        load.threads = options.threads
        let (site, loadDiagnostics) = SiteLoader.load(content: options.content, options: load)
        timings.lap("load")
        let log = DiagnosticLog()
        let theme = Theme.load(options.templates, languages: site?.config.languages ?? [], log: log)
        timings.lap("theme")
        var diagnostics = loadDiagnostics + log.items
        guard let site, let theme else {
            return Prepared(renderer: nil, diagnostics: diagnostics.sorted(), outputs: nil, timings: timings)
        }
        let renderer = SiteRenderer(site: site, theme: theme)
        let data = OpenData.render(site)
        timings.lap("data")
        let (pages, renderDiagnostics) = renderer.renderPages(downloads: data.downloads, threads: options.threads)
        timings.lap("pages")
        diagnostics += renderDiagnostics
        let feeds = subscriptions(site, theme: theme, renderer: renderer)
        timings.lap("feeds")
        return Prepared(renderer: renderer, diagnostics: diagnostics.sorted(), outputs: pages + data.files + feeds,
                        pages: pages.count, timings: timings)
    }

    /// Feeds per language, the meeting calendars, the sitemap and robots.txt.
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
