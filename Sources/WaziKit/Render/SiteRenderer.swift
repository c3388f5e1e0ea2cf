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
    let zone: TimeZone
    let fragments: Fragments
    /// Problems met while rendering: a content file changed during the build (see `MarkdownSource`).
    let problems = DiagnosticLog()
    /// Each browse facet's milestones, listed once: every language's pages and the build cache use them.
    let facets: [(facet: MilestoneFacet, listed: MilestoneList)]
    /// Each institution's led milestones and involved commitments, made once: the pages and the build
    /// cache's list fingerprints both use them.
    let institutionLists: (led: [String: MilestoneList], involved: [String: [Commitment]])
    /// Every item a page can show, numbered (see `Job.dependencies`).
    let shown: ShownItems

    public init(site: Site, theme: Theme) {
        self.site = site
        self.theme = theme
        fragments = Fragments(theme: theme)
        facets = MilestoneFacet.all.map { facet in
            (facet, MilestoneList(all: site.milestones, places: site.milestones.indices.filter { facet.includes(site.milestones[$0], in: site) }))
        }
        institutionSlugs = Routes.institutionSlugs(site.institutions)
        institutionLists = Self.byInstitution(site)
        // The long lists' pages: each browse facet's, each institution's, then the three indexes.
        var lists: [String] = []
        for (facet, listed) in facets { lists += (1...listed.pageCount).map { facet.route(page: $0) } }
        for (name, slug) in institutionSlugs.sorted(by: { $0.value < $1.value }) {
            let pages = institutionLists.led[name]?.pageCount ?? 1
            lists += (1...pages).map { Routes.institution(slug, page: $0) }
        }
        shown = ShownItems(site, listRoutes: lists + [Routes.commitments, Routes.meetings, Routes.notes])
        zone = TimeZone(identifier: site.config.timezone) ?? TimeZone(secondsFromGMT: 0) ?? .current
    }

    /// One page to render: its language, path and how to build its view model.
    struct Job: Sendable {
        let language: String
        let path: String
        let template: String
        /// The items the page shows, by number (see `ShownItems`); nil for pages that show site-wide
        /// lists or counts, which are always rendered again.
        let dependencies: [Int32]?
        /// The page's place among the pages of one language (the same in every language).
        let page: Int
        /// The file written: `fr/commitments/kenms0005/index.html`.
        let outputPath: String
        /// The page's content and its chrome (the layers its template is rendered with).
        let build: @Sendable (PageContext) -> (Chrome, any Encodable)
    }

    /// Every page of the site, in a stable order.
    /// `downloads` is asked only when the data page is built (the data files may still be being written).
    func jobs(downloads: @escaping @Sendable () -> [Download] = { [] }) -> [Job] {
        // The pages are the same in every language: listed once, then made a job per language (listing
        // them per language made their keys and lists three times over).
        var pages: [(path: String, template: String, dependencies: [Int32]?, build: @Sendable (PageContext) -> (Chrome, any Encodable))] = []
        let (ledMilestones, involvedCommitments) = institutionLists
        do {
            func add(_ path: String, _ template: String, shows dependencies: [Int32]? = nil,
                     _ build: @escaping @Sendable (PageContext) -> (Chrome, any Encodable)) {
                pages.append((path, template, dependencies, build))
            }
            // The meetings and notes related to an item, by their places.
            let shown = self.shown
            func related(_ meetings: [Int]?, _ notes: [Int]?) -> [Int32] {
                (meetings ?? []).map(shown.meeting) + (notes ?? []).map(shown.note)
            }
            func list(_ route: String) -> [Int32]? { shown.list(route).map { [$0] } }
            let relations = site.relations
            add("", "home") { $0.homePage() }
            add(Routes.commitments, "commitments", shows: list(Routes.commitments)) { $0.commitmentsPage() }
            for (c, commitment) in site.commitments.enumerated() {
                let commitmentNumber = shown.commitment(c)
                let milestoneNumbers = commitment.milestones.indices.map { shown.milestone(c, $0) }
                add(Routes.commitment(commitment.id), "commitment",
                    shows: [commitmentNumber] + milestoneNumbers
                        + related(relations.meetingsByCommitment[commitment.id], relations.notesByCommitment[commitment.id])) {
                    $0.commitmentPage(commitment)
                }
                for (milestone, number) in zip(commitment.milestones, milestoneNumbers) {
                    add(Routes.milestone(milestone), "milestone",
                        shows: [number, commitmentNumber]
                            + related(relations.meetingsByMilestone[milestone.id], relations.notesByMilestone[milestone.id])) {
                        $0.milestonePage(milestone)
                    }
                }
            }
            add(Routes.meetings, "meetings", shows: list(Routes.meetings)) { $0.meetingsPage() }
            for (index, meeting) in site.meetings.enumerated() {
                add(Routes.meeting(meeting.slug), "meeting",
                    shows: shown.references(meeting.commitmentIDs, meeting.milestoneIDs, in: site).map { [shown.meeting(index)] + $0 }) {
                    $0.meetingPage(meeting)
                }
            }
            add(Routes.notes, "notes", shows: list(Routes.notes)) { $0.notesPage() }
            for (index, note) in site.notes.enumerated() {
                add(Routes.note(note.slug), "note",
                    shows: shown.references(note.commitmentIDs, note.milestoneIDs, in: site).map { [shown.note(index)] + $0 }) {
                    $0.notePage(note)
                }
            }
            // Free pages are in every page's navigation: the build cache treats them as site-wide.
            for page in site.pages { add(Routes.page(page.slug), "page", shows: []) { $0.freePage(page) } }
            add(Routes.institutions, "institutions") { $0.institutionsPage() }
            for (name, slug) in institutionSlugs.sorted(by: { $0.value < $1.value }) {
                // Listed once here, not on every page: per-page filtering was quadratic on large sites.
                let led = ledMilestones[name] ?? MilestoneList(all: site.milestones, places: [])
                let involved = involvedCommitments[name] ?? []
                for page in 1...led.pageCount {
                    let path = Routes.institution(slug, page: page)
                    // One key for what the page lists (see listFingerprints): long lists would make the cache huge.
                    add(path, "institution", shows: list(path)) {
                        $0.institutionPage(name, slug: slug, page: page, led: led, involved: involved)
                    }
                }
            }
            add(Routes.data, "data") { $0.dataPage(downloads()) }
            add(Routes.browse, "browse") { $0.browsePage() }
            for (facet, listed) in facets {
                for page in 1...listed.pageCount {
                    add(facet.route(page: page), "milestones", shows: list(facet.route(page: page))) {
                        $0.milestoneListPage(facet, page: page, listed: listed)
                    }
                }
            }
            add(Routes.search, "search") { $0.searchPage() }
            add("404.html", "404") { $0.notFoundPage() }
        }
        var jobs: [Job] = []
        jobs.reserveCapacity(pages.count * site.config.languages.count)
        for language in site.config.languages {
            for (index, page) in pages.enumerated() {
                jobs.append(Job(language: language, path: page.path, template: page.template, dependencies: page.dependencies,
                                page: index, outputPath: PageContext.outputPath(language: language, path: page.path, site: site),
                                build: page.build))
            }
        }
        return jobs
    }

    /// Each institution's led milestones and involved commitments, in site order: grouped in one
    /// pass (a filter per institution was quadratic on large sites).
    static func byInstitution(_ site: Site) -> (led: [String: MilestoneList], involved: [String: [Commitment]]) {
        // By commitment, in the order of `Site.milestones`: `Site.lead(of:)` would look the commitment
        // up for every milestone.
        var led: [String: [Int]] = [:]
        var place = 0
        for commitment in site.commitments {
            for milestone in commitment.milestones {
                if let lead = milestone.lead ?? commitment.lead { led[lead, default: []].append(place) }
                place += 1
            }
        }
        var involved: [String: [Commitment]] = [:]
        for commitment in site.commitments {
            for name in Set(commitment.institutions) { involved[name, default: []].append(commitment) }
        }
        return (led.mapValues { MilestoneList(all: site.milestones, places: $0) }, involved)
    }

    /// Fingerprints of the long lists (each page of the browse facets and institutions, the
    /// commitments, meetings and notes indexes), in the order of `shown.listRoutes`: each covers the
    /// items listed, in order, with the fingerprints of their files. A page of a paged list covers
    /// its own items and the list's length (its count and pager): a milestone that moves shifts the
    /// pages after it, whose items then differ.
    func listFingerprints() -> [UInt64] {
        var prints = [UInt64](repeating: 0, count: shown.listRoutes.count)
        func set(_ route: String, _ print: UInt64) {
            if let number = shown.list(route) { prints[Int(number) - shown.firstList] = print }
        }
        // Items are read where they are stored: a copy of a milestone or a commitment retains and
        // releases every field (this is on the path a rebuild waits on).
        func add(_ commitment: Commitment, to print: inout Fingerprint) {
            print.add(commitment.id)
            print.add(commitment.origin.fingerprint)
            for milestone in commitment.milestones { print.add(milestone.origin.fingerprint) }
        }
        // A milestone's row shows its commitment's title.
        func paged(_ listed: MilestoneList, route: (Int) -> String, firstPage: [Commitment] = []) {
            for page in 1...listed.pageCount {
                let places = listed.places(page)
                var print = Fingerprint()
                for place in places { print.add(listed.all[place].id); print.add(listed.all[place].origin.fingerprint) }
                let owners = Set(places.map { listed.all[$0].commitmentID }).sorted().compactMap { site.relations.commitmentIndex[$0] }
                for owner in owners { add(site.commitments[owner], to: &print) }
                if page == 1 { for commitment in firstPage { add(commitment, to: &print) } }
                print.add(UInt64(listed.count))
                set(route(page), print.value)
            }
        }
        for (facet, listed) in facets { paged(listed, route: facet.route(page:)) }
        let (led, involved) = institutionLists
        for (name, slug) in institutionSlugs {
            paged(led[name] ?? MilestoneList(all: site.milestones, places: []), route: { Routes.institution(slug, page: $0) },
                  firstPage: involved[name] ?? [])
        }
        // A commitment's row shows its milestones' progress.
        var commitments = Fingerprint()
        for commitment in site.commitments { add(commitment, to: &commitments) }
        commitments.add(UInt64(0))  // no count: the list is not paged
        set(Routes.commitments, commitments.value)
        for (route, items) in [(Routes.meetings, site.meetings.map { ($0.slug, $0.origin) }),
                               (Routes.notes, site.notes.map { ($0.slug, $0.origin) })] {
            var print = Fingerprint()
            for (slug, origin) in items { print.add(slug); print.add(origin.fingerprint) }
            set(route, print.value)
        }
        return prints
    }

    /// Renders one page; a variable or string the page lacks is a diagnostic, never an empty render.
    func render(_ job: Job) -> (OutputFile, [Diagnostic]) {
        guard let strings = theme.strings[job.language] else {
            return (OutputFile(path: job.path, bytes: []),
                    [Diagnostic(.error, SourceLocation(file: theme.directory + "/i18n/\(job.language).yaml"), "no UI strings")])
        }
        let lookup = Lookup(strings)
        let context = PageContext(site: site, language: job.language, t: lookup, path: job.path,
                                  institutionSlugs: institutionSlugs, zone: zone, fragments: fragments, problems: problems)
        let (chrome, content) = job.build(context)
        let rendered = theme.render(job.template, layers: [content, chrome], language: job.language)
        var found = rendered.diagnostics(theme, template: job.template) {
            "template uses '{{\($0)}}', which the \(job.template) page does not provide"
        }
        found += lookup.missing.sorted().map {
            Diagnostic(.error, SourceLocation(file: strings.path), "missing string '\($0)'")
        }
        return (OutputFile(path: context.outputPath, bytes: rendered.bytes), found)
    }

    /// Renders every page on `threads` threads, handing each to `sink` as soon as it is ready, so the
    /// site is never held in memory. Returns the number of pages and the diagnostics, sorted.
    /// `reuse` is asked first, with the job's place: when it returns true (the page is unchanged and
    /// was kept), it is not rendered. `sink` gets each page rendered, with its job's place.
    func renderPages(_ jobs: [Job], threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                     reuse: @Sendable (Int, Job) -> Bool = { _, _ in false },
                     sink: @Sendable (Int, OutputFile) -> Void) -> (jobs: [Job], rendered: Int, diagnostics: [Diagnostic]) {
        let results = parallelMap(Array(jobs.indices), threads: threads) { index -> [Diagnostic]? in
            let job = jobs[index]
            if reuse(index, job) { return nil }
            let (file, diagnostics) = render(job)
            sink(index, file)
            return diagnostics
        }
        let diagnostics = Set(results.compactMap { $0 }.joined()).union(fragments.diagnostics).union(problems.items)
        return (jobs, results.filter { $0 != nil }.count, diagnostics.sorted())
    }

    /// Each language's search index.
    public func searchIndexes() -> [OutputFile] {
        site.config.languages.compactMap { language in
            theme.strings[language].map { strings in
                PageContext(site: site, language: language, t: Lookup(strings), path: Routes.search,
                            institutionSlugs: institutionSlugs, zone: zone, fragments: fragments, problems: problems).searchIndex()
            }
        }
    }

    /// The theme's assets and the content's files, copied as they are.
    public func staticFiles(content: String) -> [(source: String, path: String)] {
        theme.assets.map { (theme.directory + "/assets/" + $0, "assets/" + $0) }
            + site.files.map { ((content.hasSuffix("/") ? content : content + "/") + "files/" + $0, "files/" + $0) }
    }
}

/// The milestones a list shows (a browse facet, an institution's), by their places in
/// `Site.milestones`, whose storage it shares: lists of copies were tens of megabytes on a large plan.
struct MilestoneList: Sendable {
    let all: [Milestone]
    let places: [Int]

    var count: Int { places.count }

    /// How many pages of `MilestoneFacet.pageSize` it takes; an empty list has one.
    var pageCount: Int { max(1, (count + MilestoneFacet.pageSize - 1) / MilestoneFacet.pageSize) }

    /// The milestones of page `page` (from 1).
    func page(_ page: Int) -> [Milestone] {
        places(page).map { all[$0] }
    }

    /// Their places in `all`.
    func places(_ page: Int) -> ArraySlice<Int> {
        places.dropFirst((page - 1) * MilestoneFacet.pageSize).prefix(MilestoneFacet.pageSize)
    }
}
