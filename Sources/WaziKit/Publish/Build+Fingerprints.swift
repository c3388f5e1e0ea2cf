import Foundation

/// What the build cache compares between builds to keep pages and files (see `Build.write`).
extension Build {
    /// What the build cache compares, per file: each page's fingerprint by its place among the jobs,
    /// the other files' by path, and the fingerprint of the list of pages itself.
    struct PagePrints: Sendable {
        /// Per job (see `pageFingerprints`); nil for a page always rendered.
        var pages: [UInt64?] = []
        /// The feeds, calendars, tables, sitemap and robots.txt.
        var files: [String: UInt64] = [:]
        /// Of every page's path, in order: the same, each page's record is at its own place.
        var set: UInt64 = 0
    }

    /// Per page that shows particular items (`Job.dependencies`): one fingerprint of the items'
    /// fingerprints (`items`, see `itemFingerprints`), in the page's order. Equal to the previous
    /// build's, the page would be the same (a page that shows another set of items has another
    /// fingerprint). Made once per page, for every language's job.
    static func pageFingerprints(_ jobs: [SiteRenderer.Job], items: Items, site: Site) -> PagePrints {
        var prints = PagePrints()
        // By index: a job taken whole was copied, every field retained and released, twice a page.
        var pagePaths = Fingerprint()
        for index in jobs.indices { pagePaths.add(jobs[index].outputPath) }
        prints.set = pagePaths.value
        func print(_ numbers: [Int32]) -> UInt64 {
            var print = Fingerprint()
            for number in numbers { print.add(items.shown[Int(number)]) }
            return print.value
        }
        var perPage: [UInt64??] = []
        prints.pages.reserveCapacity(jobs.count)
        for index in jobs.indices {
            let page = jobs[index].page
            if page >= perPage.count { perPage += Array(repeating: nil, count: page + 1 - perPage.count) }
            if perPage[page] == nil { perPage[page] = .some(jobs[index].dependencies.map(print)) }
            prints.pages.append(perPage[page] ?? nil)
        }
        let shown = items.numbers
        // A meeting's calendar file shows the meeting (and, like every page, what the global fingerprint
        // covers); meetings.ics shows every meeting, as the meetings index lists them.
        for index in site.meetings.indices {
            prints.files[Routes.meetingCalendar(site.meetings[index].slug)] = print([shown.meeting(index)])
        }
        let lists = { (route: String) -> UInt64? in shown.list(route).map { print([$0]) } }
        prints.files["meetings.ics"] = lists(Routes.meetings)
        // The sitemap lists every page (and robots.txt names it): the same pages, the same files.
        for path in ["sitemap.xml", "robots.txt"] { prints.files[path] = pagePaths.value }
        for language in site.config.languages { prints.files[AtomFeed.path(site, language: language)] = items.feeds }
        // A data table shows every item of its kind (a commitment's counts, its milestones').
        for table in site.dataTables {
            let route: String
            switch table.name {
            case "commitments", "milestones", "milestone_updates": route = Routes.commitments
            case "meetings", "action_items": route = Routes.meetings
            case "notes": route = Routes.notes
            default: continue  // made every time
            }
            for path in OpenData.tablePaths(table) { prints.files[path] = lists(route) }
        }
        return prints
    }

    /// The fingerprints of every item and list a page can show (see `ShownItems`), and of what the
    /// feeds show: made from the model alone, beside the making of the jobs.
    struct Items: Sendable {
        var numbers: ShownItems
        var shown: [UInt64]
        var feeds: UInt64
    }

    static func itemFingerprints(_ site: Site, renderer: SiteRenderer) -> Items {
        Items(numbers: renderer.shown, shown: renderer.shown.fingerprints(site, lists: renderer.listFingerprints()),
              feeds: AtomFeed.fingerprint(site))
    }

    /// What every page depends on: the theme, site.yaml and bodies.yaml, free pages (navigation),
    /// institutions (their URLs), published files, the options and the date.
    static func globalFingerprint(_ site: Site, options: BuildOptions) -> String {
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
}
