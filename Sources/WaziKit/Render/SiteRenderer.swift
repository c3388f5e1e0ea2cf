import Foundation

/// A file of the built site: its path under the output folder and its bytes.
public struct OutputFile: Sendable, Equatable {
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// Model → pages: renders every page in every language through the theme.
public struct SiteRenderer: Sendable {
    public let site: Site
    public let theme: Theme
    let institutionSlugs: [String: String]

    public init(site: Site, theme: Theme) {
        self.site = site
        self.theme = theme
        institutionSlugs = Routes.institutionSlugs(site.institutions)
    }

    /// One page to render: its language, path and how to build its view model.
    struct Job: Sendable {
        let language: String
        let path: String
        let template: String
        let build: @Sendable (PageContext) -> [Any]
    }

    /// Every page of the site, in a stable order.
    func jobs(downloads: [Download] = []) -> [Job] {
        var jobs: [Job] = []
        for language in site.config.languages {
            func add(_ path: String, _ template: String, _ build: @escaping @Sendable (PageContext) -> (Any, Any)) {
                jobs.append(Job(language: language, path: path, template: template) { context in
                    let (chrome, content) = build(context)
                    return [content, chrome]
                })
            }
            add("", "home") { $0.homePage() }
            add(Routes.commitments, "commitments") { $0.commitmentsPage() }
            for commitment in site.commitments {
                add(Routes.commitment(commitment.id), "commitment") { $0.commitmentPage(commitment) }
                for milestone in commitment.milestones {
                    add(Routes.milestone(milestone), "milestone") { $0.milestonePage(milestone) }
                }
            }
            add(Routes.meetings, "meetings") { $0.meetingsPage() }
            for meeting in site.meetings { add(Routes.meeting(meeting.slug), "meeting") { $0.meetingPage(meeting) } }
            add(Routes.notes, "notes") { $0.notesPage() }
            for note in site.notes { add(Routes.note(note.slug), "note") { $0.notePage(note) } }
            for page in site.pages { add(Routes.page(page.slug), "page") { $0.freePage(page) } }
            add(Routes.institutions, "institutions") { $0.institutionsPage() }
            for (name, slug) in institutionSlugs.sorted(by: { $0.value < $1.value }) {
                add(Routes.institution(slug), "institution") { $0.institutionPage(name, slug: slug) }
            }
            add(Routes.data, "data") { $0.dataPage(downloads) }
            add(Routes.browse, "browse") { $0.browsePage() }
            for facet in MilestoneFacet.all { add(facet.route, "milestones") { $0.milestoneListPage(facet) } }
            add(Routes.search, "search") { $0.searchPage() }
            add("404.html", "404") { $0.notFoundPage() }
        }
        return jobs
    }

    /// Renders one page; a variable or string the page lacks is a diagnostic, never an empty render.
    func render(_ job: Job) -> (OutputFile, [Diagnostic]) {
        guard let strings = theme.strings[job.language] else {
            return (OutputFile(path: job.path, bytes: []),
                    [Diagnostic(.error, SourceLocation(file: theme.directory + "/i18n/\(job.language).yaml"), "no UI strings")])
        }
        let lookup = Lookup(strings)
        let context = PageContext(site: site, language: job.language, t: lookup, path: job.path,
                                  institutionSlugs: institutionSlugs)
        let (html, missing) = theme.render(job.template, layers: job.build(context), language: job.language)
        var problems = missing.map {
            Diagnostic(.error, SourceLocation(file: theme.directory + "/\(job.template).mustache"),
                       "template uses '{{\($0)}}', which the \(job.template) page does not provide")
        }
        problems += lookup.missing.sorted().map {
            Diagnostic(.error, SourceLocation(file: strings.path), "missing string '\($0)'")
        }
        return (OutputFile(path: context.outputPath, text: html), problems)
    }

    /// Renders every page on `threads` threads, handing each to `sink` as soon as it is ready, so the
    /// site is never held in memory. Returns the number of pages and the diagnostics, sorted.
    public func renderPages(downloads: [Download] = [], threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                            sink: @Sendable (OutputFile) -> Void) -> (pages: Int, diagnostics: [Diagnostic]) {
        let jobs = self.jobs(downloads: downloads)
        let problems = parallelMap(jobs, threads: threads) { job -> [Diagnostic] in
            let (file, diagnostics) = render(job)
            sink(file)
            return diagnostics
        }
        return (jobs.count, Set(problems.joined()).sorted())
    }

    /// Each language's search index.
    public func searchIndexes() -> [OutputFile] {
        site.config.languages.compactMap { language in
            theme.strings[language].map { strings in
                PageContext(site: site, language: language, t: Lookup(strings), path: Routes.search,
                            institutionSlugs: institutionSlugs).searchIndex()
            }
        }
    }

    /// The theme's assets and the content's files, copied as they are.
    public func staticFiles(content: String) -> [(source: String, path: String)] {
        theme.assets.map { (theme.directory + "/assets/" + $0, "assets/" + $0) }
            + site.files.map { ((content.hasSuffix("/") ? content : content + "/") + "files/" + $0, "files/" + $0) }
    }
}

