import Foundation

/// What the build cache compares between builds to keep pages and files (see `Build.write`).
extension Build {
    /// Per page that shows particular items (`Job.dependencies`): one fingerprint of their keys and
    /// their files' fingerprints. Equal to the previous build's, the page would be the same (a page
    /// that shows another set of items has another fingerprint). Pages showing a key no item has
    /// get none, and are always rendered. Numbers, not hex texts: at 10,000 pages making and
    /// comparing the texts was a good part of planning.
    static func pageFingerprints(_ jobs: [SiteRenderer.Job], items: [String: UInt64], site: Site, threads: Int) -> [String: UInt64] {
        var pagePaths = Fingerprint()
        for job in jobs { pagePaths.add(job.outputPath) }
        var entities = items
        if entities[Self.allPages] == nil { entities[Self.allPages] = pagePaths.value }
        let known = entities
        // A meeting's calendar file shows the meeting (and, like every page, what the global fingerprint
        // covers); meetings.ics shows every meeting, as the meetings index lists them.
        let calendars = site.meetings.map { (Routes.meetingCalendar($0.slug), ["meeting:" + $0.slug]) }
            + [("meetings.ics", ["list:" + Routes.meetings])]
        // The sitemap lists every page (and robots.txt names it): the same pages, the same files.
        let maps = [("sitemap.xml", [Self.allPages]), ("robots.txt", [Self.allPages])]
        let feeds = site.config.languages.map { (AtomFeed.path(site, language: $0), [Self.feeds]) }
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
        let outputs = jobs.compactMap { job in job.dependencies.map { (job.outputPath, $0) } } + calendars + tables + maps + feeds
        // On every core: at 10,000 pages this was a tenth of a second with the other cores idle.
        let chunks = parallelChunks(outputs, size: 512, threads: threads) { chunk in
            chunk.compactMap { path, keys -> (String, UInt64)? in
                var print = Fingerprint()
                // In the page's order, the same on every build for the same items (a set sorted
                // here was a third of this work); another order only means another fingerprint.
                for key in keys {
                    guard let entity = known[key] else { return nil }
                    print.add(key)
                    print.add(entity)
                }
                return (path, print.value)
            }
        }
        return Dictionary(chunks.joined()) { _, last in last }
    }

    /// The fingerprint of every item, list and feed a page can show, by key (see `pageFingerprints`):
    /// made from the model alone, beside the making of the jobs.
    static func itemFingerprints(_ site: Site, renderer: SiteRenderer) -> [String: UInt64] {
        var entities = site.entityFingerprints
        for (key, list) in renderer.listFingerprints() where entities[key] == nil { entities[key] = Fingerprint.of(list) }
        entities[Self.feeds] = AtomFeed.fingerprint(site)
        return entities
    }

    /// The key of the set of pages, in order (see `pageFingerprints`).
    private static let allPages = "pages:all"
    /// The key of what the Atom feeds show (see `AtomFeed.fingerprint`).
    private static let feeds = "feeds:atom"

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
