import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import WaziKit

/// Atom feeds, iCalendar files and the sitemap, checked at the byte level: clients forgive much,
/// so "it parses" is not enough.
final class FeedTests: XCTestCase {
    // MARK: iCalendar

    func testCalendarLinesEndInCRLFAndFitIn75Octets() throws {
        let site = try exampleSite()
        let files = [MeetingCalendar.all(site)] + site.meetings.map { MeetingCalendar.single(site, $0) }
        XCTAssertEqual(files.first?.path, "meetings.ics")
        XCTAssertEqual(files.last?.path, "meetings/\(site.meetings.last?.slug ?? "")/meeting.ics")
        for file in files { assertWellFormedCalendar(file.bytes, file.path) }
    }

    func testCalendarEventsHaveUIDDTSTAMPAndTheSiteTimezone() throws {
        let site = try exampleSite()
        let lines = unfold(MeetingCalendar.all(site).bytes)
        let events = components("VEVENT", in: lines)
        XCTAssertEqual(events.count, site.meetings.count)
        for (event, meeting) in zip(events, site.meetings) {
            XCTAssertEqual(event.filter { $0.hasPrefix("UID:") }, ["UID:\(meeting.slug)@opengov.nairobi.go.ke"])
            XCTAssertEqual(event.filter { $0.hasPrefix("DTSTAMP:") }, ["DTSTAMP:20261127T000000Z"], "the as-of date")
        }
        let inaugural = try XCTUnwrap(events.first)
        XCTAssertTrue(inaugural.contains("DTSTART;TZID=Africa/Nairobi:20250918T100000"), "\(inaugural)")
        XCTAssertTrue(inaugural.contains("DTEND;TZID=Africa/Nairobi:20250918T130000"))
        XCTAssertTrue(inaugural.contains("URL:https://opengov.nairobi.go.ke/meetings/2025-09-18-steering-committee-inaugural-meeting/"))
        XCTAssertTrue(inaugural.contains("LOCATION:City Hall\\, Nairobi (example)"))
        XCTAssertTrue(inaugural.contains("STATUS:CONFIRMED"))
        let zones = components("VTIMEZONE", in: lines)
        XCTAssertEqual(zones.count, 1)
        XCTAssertEqual(zones.first?.filter { $0.hasPrefix("TZID:") }, ["TZID:Africa/Nairobi"])
        XCTAssertEqual(components("STANDARD", in: lines), [[
            "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0300", "TZNAME:EAT", "END:STANDARD",
        ]])
        XCTAssertTrue(components("DAYLIGHT", in: lines).isEmpty)
        XCTAssertEqual(lines.filter { $0.hasPrefix("PRODID:") }, ["PRODID:-//wazi//wazi \(Wazi.version)//EN"])
    }

    func testLongTitlesFoldOnCharacterBoundariesAndTextIsEscaped() throws {
        let mini = try MiniSite(self)
        let title = "Mkutano wa kamati ya uongozi — réunion “spéciale” 🇰🇪 naïve café; agenda, budget \\ notes "
            + String(repeating: "é🎉ü", count: 12)
        try mini.add("meetings/2026-04-02-all-day.md", """
            ---
            title: "\(title.replacingOccurrences(of: "\\", with: "\\\\"))\\nsecond line"
            date: 2026-04-02
            body: steering
            location: "Hall A; Room 3, Nairobi"
            ---
            """)
        try mini.add("meetings/2026-04-03-late.md", """
            ---
            title: Late session
            date: 2026-04-03
            start_time: "23:30"
            body: steering
            status: cancelled
            ---
            """)
        let site = try load(mini)
        let bytes = MeetingCalendar.all(site).bytes
        assertWellFormedCalendar(bytes, "meetings.ics")
        let lines = unfold(bytes)
        let escaped = MeetingCalendar.text(title) + "\\nsecond line"
        XCTAssertTrue(escaped.contains("budget \\\\ notes") && escaped.contains("café\\; agenda\\, budget"))
        XCTAssertTrue(lines.contains("SUMMARY:" + escaped), "the folded title unfolds to the original")
        XCTAssertTrue(lines.contains("LOCATION:Hall A\\; Room 3\\, Nairobi"))
        XCTAssertTrue(lines.contains("DTSTART;VALUE=DATE:20260402"), "no time: an all-day event")
        XCTAssertTrue(lines.contains("DTEND;VALUE=DATE:20260403"), "DTEND is exclusive: the next day")
        XCTAssertTrue(lines.contains("DTSTART;TZID=Africa/Nairobi:20260403T233000"))
        XCTAssertTrue(lines.contains("DTEND;TZID=Africa/Nairobi:20260404T003000"), "start + 1 hour, past midnight")
        XCTAssertTrue(lines.contains("STATUS:CANCELLED"))
        XCTAssertTrue(lines.contains("STATUS:TENTATIVE"), "scheduled (after the as-of date)")
    }

    func testFoldingNeverSplitsAUTF8Sequence() {
        for prefix in ["", "S", "SU", "SUM"] {
            let line = prefix + String(repeating: "€😀é", count: 40)
            let folded = MeetingCalendar.fold(line)
            for physical in split(folded) {
                XCTAssertLessThanOrEqual(physical.count, 75)
                XCTAssertNotNil(String(validatingUTF8Bytes: physical), "a line cut inside a character")
            }
            XCTAssertEqual(unfold(folded), [line])
        }
    }

    func testDaylightSavingZonesGetStandardAndDaylightObservances() throws {
        let mini = try MiniSite(self)
        try edit(mini.root + "/site.yaml", replacing: "member: Testland", with: "member: Testland\ntimezone: Europe/Paris")
        try mini.add("meetings/2026-07-01-summer.md", """
            ---
            title: Summer meeting
            date: 2026-07-01
            start_time: "10:00"
            end_time: "12:00"
            body: steering
            ---
            """)
        let site = try load(mini)
        let bytes = MeetingCalendar.all(site).bytes
        assertWellFormedCalendar(bytes, "meetings.ics")
        let lines = unfold(bytes)
        XCTAssertTrue(lines.contains("TZID:Europe/Paris"))
        XCTAssertTrue(lines.contains("DTSTART;TZID=Europe/Paris:20260701T100000"))
        let daylight = try XCTUnwrap(components("DAYLIGHT", in: lines).first)
        let standard = try XCTUnwrap(components("STANDARD", in: lines).first)
        XCTAssertEqual(components("DAYLIGHT", in: lines).count, 1, "one observance, onsets as RDATEs")
        XCTAssertTrue(daylight.contains("TZOFFSETFROM:+0100") && daylight.contains("TZOFFSETTO:+0200"), "\(daylight)")
        XCTAssertTrue(standard.contains("TZOFFSETFROM:+0200") && standard.contains("TZOFFSETTO:+0100"), "\(standard)")
        XCTAssertTrue(daylight.contains("TZNAME:CEST") && standard.contains("TZNAME:CET"))
        // The meeting's year, at local time before the change: 02:00 → 03:00 and 03:00 → 02:00.
        XCTAssertTrue(daylight.contains { $0.hasSuffix(":20260329T020000") }, "\(daylight)")
        XCTAssertTrue(standard.contains { $0.hasSuffix(":20261025T030000") }, "\(standard)")
    }

    // MARK: Atom

    func testEveryEntryHasIdUpdatedAndAuthorAndIdsAreUnique() throws {
        let site = try exampleSite()
        for language in site.config.languages {
            let file = AtomFeed.render(site, language: language, strings: try strings(site, language))
            XCTAssertEqual(file.path, language == "en" ? "feed.xml" : "\(language)/feed.xml")
            let xml = String(decoding: file.bytes, as: UTF8.self)
            XCTAssertTrue(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(language)\">"))
            let entries = xml.components(separatedBy: "<entry>").dropFirst()
            let expected = site.milestones.map(\.updates.count).reduce(0, +) + site.meetings.count + site.notes.count
            XCTAssertEqual(entries.count, expected)
            var ids = Set<String>()
            for entry in entries {
                let id = try XCTUnwrap(between("<id>", "</id>", in: entry))
                XCTAssertTrue(id.hasPrefix("tag:opengov.nairobi.go.ke,2025-06-01:\(language)/"), id)
                XCTAssertTrue(ids.insert(id).inserted, "duplicate id \(id)")
                XCTAssertNotNil(between("<updated>", "T00:00:00Z</updated>", in: entry))
                XCTAssertFalse((between("<author><name>", "</name></author>", in: entry) ?? "").isEmpty)
                XCTAssertNotNil(between("<link rel=\"alternate\" type=\"text/html\" href=\"https://opengov.nairobi.go.ke/", "\"", in: entry))
            }
            try assertParsesAsXML(file.bytes, file.path)
        }
    }

    func testFeedIsDeterministicAndNewestFirst() throws {
        let site = try exampleSite()
        let french = try strings(site, "fr")
        let first = AtomFeed.render(site, language: "fr", strings: french)
        XCTAssertEqual(first, AtomFeed.render(site, language: "fr", strings: french))
        let dates = AtomFeed.entries(site, language: "fr", strings: french).map(\.date)
        XCTAssertEqual(dates, dates.sorted(by: >))
        let xml = String(decoding: first.bytes, as: UTF8.self)
        XCTAssertTrue(xml.contains("<updated>\(dates.first?.iso ?? "")T00:00:00Z</updated>"), "the feed's date is its newest entry's")
        XCTAssertTrue(xml.contains("KENMS0005-2 · En cours : ") || xml.contains("KENMS0005-2 · En cours: "),
                      "status label and title in French")
    }

    /// A large plan's feed picks its 200 entries among the newest dates only, and gets the same 200
    /// as from every entry (ties at the cut kept in id order).
    func testALargeFeedKeepsTheSameNewestEntries() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        for n in 1...150 {
            // Two updates each, on dates that repeat (ties around the cut).
            let day = String(format: "%02d", n % 20 + 1)
            try mini.milestone(n, extra: "updates:\n  - {date: 2025-03-\(day), status: in-progress, summary: First}\n"
                + "  - {date: 2025-04-\(day), status: in-progress, summary: Second}")
        }
        let (site, diagnostics) = mini.load()
        let loaded = try XCTUnwrap(site, printed(diagnostics))
        let strings = try strings(loaded, "en")
        let all = AtomFeed.entries(loaded, language: "en", strings: strings)
        XCTAssertEqual(all.count, 300)
        let newest = AtomFeed.entries(loaded, language: "en", strings: strings, newest: AtomFeed.maxEntries)
        XCTAssertLessThan(newest.count, all.count)
        XCTAssertEqual(newest.prefix(AtomFeed.maxEntries).map(\.id), all.prefix(AtomFeed.maxEntries).map(\.id))
    }

    func testMarkupInTitlesIsEscaped() throws {
        let mini = try MiniSite(self)
        try mini.commitment()
        try mini.milestone(1, extra: """
            updates:
              - date: 2025-06-01
                status: in-progress
                summary: "Started <b>early</b> & well"
            """)
        try mini.add("notes/script.md", """
            ---
            title: "<script>alert('x')</script> & co"
            date: 2025-05-01
            ---
            Body.
            """)
        let site = try load(mini)
        let file = AtomFeed.render(site, language: "en", strings: try strings(site, "en"))
        let xml = String(decoding: file.bytes, as: UTF8.self)
        XCTAssertFalse(xml.contains("<script>") || xml.contains("<b>"))
        XCTAssertTrue(xml.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co"))
        XCTAssertTrue(xml.contains("<summary type=\"text\">Started &lt;b&gt;early&lt;/b&gt; &amp; well</summary>"))
        XCTAssertTrue(xml.contains("<author><name>Ministry of Tests</name></author>"), "the commitment's lead institution")
        XCTAssertTrue(xml.contains("<id>tag:example.org,2025-01-01:plan/en/note/script</id>"))
        try assertParsesAsXML(file.bytes, file.path)
    }

    /// The byte-wise escaping gives what escaping scalar by scalar gives (XML 1.0 `Char`: tab, LF,
    /// CR, U+0020 upwards except U+FFFE and U+FFFF), for every ASCII byte and the edges above.
    func testXMLTextEscapesAsScalarByScalar() {
        func reference(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x26: out += "&amp;"
                case 0x3C: out += "&lt;"
                case 0x3E: out += "&gt;"
                case 0x22: out += "&quot;"
                case 0x27: out += "&apos;"
                case 0x0D: out += "&#13;"
                case 0x9, 0xA, 0x20...0xFFFD, 0x10000...0x10FFFF: out.unicodeScalars.append(scalar)
                default: break
                }
            }
            return out
        }
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        for text in [ascii, "é · – “x” \u{FFFD}\u{FFFE}\u{FFFF}\u{10000}\u{10FFFF}😀\u{EFBF}", "\u{FFFE}", "a\u{FFFF}", "plain"] {
            XCTAssertEqual(XMLText.escape(text), reference(text), text)
            XCTAssertEqual(XMLText.escape(text + ascii), reference(text + ascii))
        }
    }

    func testXMLTextDropsCharactersXMLForbids() {
        XCTAssertEqual(XMLText.escape("a\u{1}b\u{8}c\td\ne\u{FFFE}f"), "abc\td\nef")
        XCTAssertEqual(XMLText.escape("\"'<>&\r"), "&quot;&apos;&lt;&gt;&amp;&#13;")
        XCTAssertEqual(XMLText.attribute("a\tb\nc"), "a&#9;b&#10;c")
    }

    // MARK: Sitemap

    func testSitemapListsEveryPageInEveryLanguageWithAlternates() throws {
        let site = try exampleSite()
        let paths = try pagePaths(site)
        XCTAssertTrue(paths.contains("") && paths.contains("commitments/kenms0005/"))
        let files = Sitemap.render(site, pagePaths: paths)
        XCTAssertEqual(files.map(\.path), ["sitemap.xml", "robots.txt"])
        let xml = String(decoding: files[0].bytes, as: UTF8.self)
        let urls = xml.components(separatedBy: "<url>").dropFirst()
        XCTAssertEqual(urls.count, paths.count * site.config.languages.count)
        XCTAssertFalse(xml.contains("404"))
        for language in site.config.languages {
            let prefix = language == "en" ? "" : language + "/"
            for path in paths {
                XCTAssertTrue(xml.contains("<loc>https://opengov.nairobi.go.ke/\(prefix)\(path)</loc>"), prefix + path)
            }
        }
        for url in urls {
            XCTAssertEqual(url.components(separatedBy: "<xhtml:link rel=\"alternate\"").count - 1, site.config.languages.count + 1)
            for language in site.config.languages + ["x-default"] {
                XCTAssertTrue(url.contains("hreflang=\"\(language)\""))
            }
        }
        XCTAssertTrue(xml.contains("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://opengov.nairobi.go.ke/commitments/\"/>"))
        XCTAssertEqual(String(decoding: files[1].bytes, as: UTF8.self),
                       "User-agent: *\nAllow: /\nSitemap: https://opengov.nairobi.go.ke/sitemap.xml\n")
        try assertParsesAsXML(files[0].bytes, "sitemap.xml")
    }

    // MARK: Helpers

    private func exampleSite() throws -> Site {
        let (site, diagnostics) = SiteLoader.load(content: exampleContent, options: LoadOptions(asOf: exampleAsOf))
        return try XCTUnwrap(site, printed(diagnostics))
    }

    private func load(_ mini: MiniSite) throws -> Site {
        let (site, diagnostics) = mini.load()
        return try XCTUnwrap(site, printed(diagnostics))
    }

    private func strings(_ site: Site, _ language: String) throws -> Strings {
        let log = DiagnosticLog()
        let theme = Theme.load(defaultTheme, languages: site.config.languages, log: log)
        return try XCTUnwrap(theme?.strings[language], printed(log.items))
    }

    /// The default language's page paths, as the renderer makes them (what the build passes).
    private func pagePaths(_ site: Site) throws -> [String] {
        let log = DiagnosticLog()
        let theme = try XCTUnwrap(Theme.load(defaultTheme, languages: site.config.languages, log: log))
        return SiteRenderer(site: site, theme: theme).jobs()
            .filter { $0.language == site.config.defaultLanguage && $0.path != "404.html" }.map(\.path)
    }

    /// Physical lines without their CRLF.
    private func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = [], current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                lines.append(current)
                current = []
                index += 2
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Content lines: physical lines with continuation lines (leading space) joined back.
    private func unfold(_ bytes: [UInt8]) -> [String] {
        var lines: [[UInt8]] = []
        for physical in split(bytes) {
            if physical.first == 32, !lines.isEmpty { lines[lines.count - 1] += physical.dropFirst() } else { lines.append(physical) }
        }
        return lines.map { String(decoding: $0, as: UTF8.self) }
    }

    private func components(_ name: String, in lines: [String]) -> [[String]] {
        var found: [[String]] = [], current: [String]?
        for line in lines {
            if line == "BEGIN:\(name)" { current = [] }
            current?.append(line)
            if line == "END:\(name)", let done = current { found.append(done); current = nil }
        }
        return found
    }

    private func assertWellFormedCalendar(_ bytes: [UInt8], _ name: String, line: UInt = #line) {
        XCTAssertEqual(Array(bytes.suffix(2)), [13, 10], "\(name) ends with CRLF", line: line)
        for (index, byte) in bytes.enumerated() {
            if byte == 10 { XCTAssertEqual(index > 0 ? bytes[index - 1] : 0, 13, "\(name): bare LF at \(index)", line: line) }
            if byte == 13 { XCTAssertEqual(index + 1 < bytes.count ? bytes[index + 1] : 0, 10, "\(name): bare CR", line: line) }
        }
        for physical in split(bytes) {
            XCTAssertLessThanOrEqual(physical.count, 75, "\(name): \(String(decoding: physical, as: UTF8.self))", line: line)
            XCTAssertNotNil(String(validatingUTF8Bytes: physical), "\(name): a line cut inside a character", line: line)
        }
        let lines = unfold(bytes)
        XCTAssertEqual(lines.first, "BEGIN:VCALENDAR", line: line)
        XCTAssertEqual(lines.last, "END:VCALENDAR", line: line)
        XCTAssertTrue(lines.contains("VERSION:2.0") && lines.contains("CALSCALE:GREGORIAN"), line: line)
        XCTAssertEqual(lines.filter { $0 == "BEGIN:VEVENT" }.count, lines.filter { $0.hasPrefix("UID:") }.count, line: line)
        XCTAssertEqual(lines.filter { $0 == "BEGIN:VEVENT" }.count, lines.filter { $0.hasPrefix("DTSTAMP:") }.count, line: line)
        XCTAssertEqual(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count, 1, line: line)
    }

    private func between(_ start: String, _ end: String, in text: String) -> String? {
        guard let open = text.range(of: start), let close = text[open.upperBound...].range(of: end) else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// Well-formedness, with libxml2 through FoundationXML where it exists.
    private func assertParsesAsXML(_ bytes: [UInt8], _ name: String) throws {
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(data: Data(bytes), options: [])
        XCTAssertNotNil(document.rootElement(), name)
        #else
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertEqual(text.components(separatedBy: "<entry>").count, text.components(separatedBy: "</entry>").count, name)
        #endif
    }
}

private extension String {
    /// Nil unless the bytes are valid UTF-8.
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): scalars.append(scalar)
            case .emptyInput: self = String(scalars); return
            case .error: return nil
            }
        }
    }
}
