import Foundation

/// The Atom feed (RFC 4287) of one language: milestone status updates, meetings and notes,
/// newest first, for citizens and journalists who follow the plan in a feed reader.
public enum AtomFeed {
    /// Readers only show recent entries; a bounded feed keeps the file small as the plan grows.
    public static let maxEntries = 200

    /// The feed of one language, at `path(site, language:)`.
    public static func render(_ site: Site, language: String, strings: Strings) -> OutputFile {
        let selfURL = site.config.baseURL + path(site, language: language)
        let entries = Array(self.entries(site, language: language, strings: strings, newest: maxEntries).prefix(maxEntries))
        // The newest entry's date, never the wall clock: the same content gives the same bytes.
        let updated = entries.first?.date ?? site.asOf
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XMLText.attribute(language))">
              <id>\(XMLText.escape(selfURL))</id>
              <title>\(XMLText.escape(site.config.title))</title>
              <subtitle>\(XMLText.escape(site.config.actionPlan.title))</subtitle>
              <updated>\(timestamp(updated))</updated>
              <link rel="self" type="application/atom+xml" href="\(XMLText.attribute(selfURL))"/>
              <link rel="alternate" type="text/html" href="\(XMLText.attribute(site.pageURL("", language: language)))"/>
              <author><name>\(XMLText.escape(site.config.member))</name></author>
              <generator version="\(Wazi.version)">wazi</generator>

            """
        for entry in entries {
            xml += """
                  <entry>
                    <id>\(XMLText.escape(entry.id))</id>
                    <title type="text">\(XMLText.escape(entry.title))</title>
                    <updated>\(timestamp(entry.date))</updated>
                    <link rel="alternate" type="text/html" href="\(XMLText.attribute(entry.link))"/>

                """
            for author in entry.authors {
                xml += "    <author><name>\(XMLText.escape(author))</name></author>\n"
            }
            if let summary = entry.summary, !summary.isEmpty {
                xml += "    <summary type=\"text\">\(XMLText.escape(summary))</summary>\n"
            }
            xml += "  </entry>\n"
        }
        xml += "</feed>\n"
        return OutputFile(path: path(site, language: language), text: xml)
    }

    /// `feed.xml` for the default language, `<code>/feed.xml` for the others.
    static func path(_ site: Site, language: String) -> String {
        (language == site.config.defaultLanguage ? "" : language + "/") + "feed.xml"
    }

    /// What every language's feed shows besides what every page depends on (the theme's strings,
    /// site.yaml, bodies.yaml, the date): which items have entries among the newest, and their
    /// files (a milestone's entries also show its commitment's lead). The same, the feeds are the same.
    static func fingerprint(_ site: Site) -> UInt64 {
        let listed = self.listed(site, newest: maxEntries)
        var print = Fingerprint()
        for commitment in site.commitments {
            for milestone in commitment.milestones where milestone.updates.contains(where: { listed($0.date) }) {
                print.add(milestone.id)
                print.add(milestone.origin.fingerprint)
                print.add(commitment.origin.fingerprint)
            }
        }
        for meeting in site.meetings where listed(meeting.date) {
            print.add(meeting.slug)
            print.add(meeting.origin.fingerprint)
        }
        for note in site.notes where listed(note.date) {
            print.add(note.slug)
            print.add(note.origin.fingerprint)
        }
        return print.value
    }

    /// Whether an entry of this date is among the newest `newest` (ties included), when given.
    private static func listed(_ site: Site, newest: Int?) -> (Day) -> Bool {
        // A scheduled meeting is dated no later than the as-of date: a future `updated` would pin it
        // to the top of readers that sort by date until the meeting happens.
        var cutoff: Day?
        if let newest, newest > 0 {
            // The `newest`-th newest date, ties counted: the oldest of the `newest` newest, kept in a
            // heap on the way (sorting every update's date was most of fingerprinting the feeds).
            var heap = NewestDays(keeping: newest)
            for milestone in site.milestones { for update in milestone.updates { heap.add(min(update.date, site.asOf)) } }
            for meeting in site.meetings { heap.add(min(meeting.date, site.asOf)) }
            for note in site.notes { heap.add(min(note.date, site.asOf)) }
            if heap.seen > newest { cutoff = heap.oldest }
        }
        return { date in cutoff.map { min(date, site.asOf) >= $0 } ?? true }
    }

    struct Entry {
        let id: String
        var date: Day
        let title: String
        /// Never empty: RFC 4287 needs an author on every entry (the feed's is not repeated by all readers).
        let authors: [String]
        let link: String
        let summary: String?
    }

    /// Every entry, newest first; on the same day by id, so the order never depends on input order.
    /// Every entry, newest first; with `newest`, only those dated no earlier than the newest
    /// `newest` (ties included, so the order by id is kept): a feed of a large plan was making an
    /// entry of every update to keep 200.
    static func entries(_ site: Site, language: String, strings: Strings, newest: Int? = nil) -> [Entry] {
        let member = site.config.member
        let listed = self.listed(site, newest: newest)
        var entries: [Entry] = []
        for milestone in site.milestones {
            let link = site.pageURL(Routes.milestone(milestone), language: language)
            // The written position is the update's identity: updates are an append-only history.
            for (index, update) in milestone.updates.enumerated() where listed(update.date) {
                let status = strings["status_\(update.status.rawValue)"] ?? update.status.rawValue
                entries.append(Entry(
                    id: tag(site, language, "milestone-update/\(milestone.id)/\(index + 1)"), date: update.date,
                    title: "\(milestone.id) · \(status): \(milestone.title.text(language))",
                    authors: [site.lead(of: milestone) ?? member], link: link, summary: update.summary))
            }
        }
        for meeting in site.meetings where listed(meeting.date) {
            let type = strings["meeting_type_\(meeting.type.rawValue)"] ?? meeting.type.rawValue
            var facts = [strings.date(meeting.date)]
            if let start = meeting.startTime { facts.append(meeting.endTime.map { "\(start)–\($0)" } ?? "\(start)") }
            facts.append(type)
            // Mostly for a cancelled meeting, which subscribers must not miss.
            facts.append(strings["meeting_status_\(meeting.status.rawValue)"] ?? meeting.status.rawValue)
            if let body = site.body(meeting.bodyKey) { facts.append(body.name) }
            if let location = meeting.location { facts.append(location) }
            entries.append(Entry(
                id: tag(site, language, "meeting/\(meeting.slug)"), date: meeting.date,
                title: meeting.title.text(language), authors: [member],
                link: site.pageURL(Routes.meeting(meeting.slug), language: language),
                summary: facts.joined(separator: " · ")))
        }
        for note in site.notes where listed(note.date) {
            entries.append(Entry(
                id: tag(site, language, "note/\(note.slug)"), date: note.date, title: note.title.text(language),
                authors: note.authors.isEmpty ? [member] : note.authors,
                link: site.pageURL(Routes.note(note.slug), language: language), summary: note.summary?.text(language)))
        }
        return entries.map { entry in
            var entry = entry
            entry.date = min(entry.date, site.asOf)
            return entry
        }.sorted { ($0.date, $1.id) > ($1.date, $0.id) }
    }

    /// A tag URI (RFC 4151), unique per feed language and stable across rebuilds and edits: dated by
    /// the plan's start, not the entry's date, so a rescheduled meeting keeps its id.
    static func tag(_ site: Site, _ language: String, _ specific: String) -> String {
        let base = site.basePath.isEmpty ? "" : site.basePath + "/"
        let raw = base + language + "/" + specific
        let encoded = raw.percentEncoded(tagCharacters)
        return "tag:\(site.host),\(site.config.actionPlan.start.first.iso):\(encoded)"
    }

    /// RFC 4151 `pchar / "/" / "?"`, without `%` so that it is always encoded.
    private static let tagCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?")

    /// RFC 3339 at midnight UTC: content dates carry no time.
    static func timestamp(_ day: Day) -> String { day.iso + "T00:00:00Z" }
}

/// The `count` newest days of those added (a day added twice counts twice), in a heap whose root is
/// the oldest of them.
private struct NewestDays {
    private var heap: [Day] = []
    private let count: Int
    /// How many days were added.
    private(set) var seen = 0

    init(keeping count: Int) {
        self.count = count
        heap.reserveCapacity(count)
    }

    /// The oldest of the newest days kept; nil before any was added.
    var oldest: Day? { heap.first }

    mutating func add(_ day: Day) {
        seen += 1
        if heap.count < count {
            heap.append(day)
            var child = heap.count - 1
            while child > 0, heap[child] < heap[(child - 1) / 2] {
                heap.swapAt(child, (child - 1) / 2)
                child = (child - 1) / 2
            }
        } else if let root = heap.first, root < day {
            heap[0] = day
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left] < heap[smallest] { smallest = left }
                if right < heap.count, heap[right] < heap[smallest] { smallest = right }
                guard smallest != parent else { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }
}
