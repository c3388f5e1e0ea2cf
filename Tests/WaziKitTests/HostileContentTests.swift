import Foundation
import XCTest
@testable import WaziKit

/// A hostile-content corpus written into a copy of the example: after a build, no output file
/// holds executable markup, and the hostile text is shown escaped.
final class HostileContentTests: XCTestCase {
    /// Markdown that tries every way of running script through a body.
    static let hostileMarkdown = #"""

        ## Hostile <script>alert(201)</script> heading

        <script>alert(202)</script>

        <img src=x onerror=alert(203)>

        <a href="javascript:alert(204)">raw link</a> <A HREF="JaVaScRiPt:alert(205)">upper</A>

        [inline](javascript:alert(206)) [upper](JAVASCRIPT:alert(207)) [entity](java&#x73;cript:alert(208))
        [decimal](&#106;avascript:alert(209)) [colon](javascript&colon;alert(210)) [padded](<  javascript:alert(211)>)
        [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vb](vbscript:msgbox(212))
        [svg data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)

        <javascript:alert(213)> <JavaScript:alert(214)> <data:text/html,alert(215)> <vbscript:msgbox(216)>

        ![image](javascript:alert(217)) ![svg](data:image/svg+xml,%3Csvg%20onload%3Dalert(218)%3E)

        [reference][evil] and [another][evil2]

        [evil]: javascript:alert(219)
        [evil2]: <data:text/html,<script>alert(220)</script>>

        <svg><script>alert(221)</script></svg>
        <iframe src="javascript:alert(222)"></iframe>
        <object data="javascript:alert(223)"></object>
        <style>body { background: url("javascript:alert(224)") }</style>
        <form action="javascript:alert(225)"><button formaction="javascript:alert(226)">go</button></form>
        <base href="javascript:alert(227)//">
        <meta http-equiv="refresh" content="0;url=javascript:alert(228)">

        [titled](https://example.org/ "\" onmouseover=\"alert(229)") [quote](https://example.org/"onmouseover="alert(230))

        `<script>alert(231)</script>`

            <script>alert(232)</script>

        Text with </script> and <!-- comment --> and <b onclick=alert(233)>bold</b> and <x onfocus=alert(234) autofocus>.
        Closing </textarea></title></style></noscript> and "><img src=x onerror=alert(235)>.

        """#

    /// Builds the example with hostile values in every kind of text field; returns the output folder.
    private func buildHostileExample(allowHTML: Bool = false) throws -> (content: String, output: String) {
        let content = try copyOfExample(self)
        let commitment = content + "/commitments/KENMS0005/index.md"
        let milestone = content + "/commitments/KENMS0005/milestones/1-operationalisation-nccg-ogp-steering-committee.md"
        let meeting = content + "/meetings/2025-09-18-steering-committee-inaugural-meeting.md"
        let note = content + "/notes/publishing-committee-minutes-within-30-days.md"
        let page = content + "/pages/about.md"

        let site = content + "/site.yaml"
        try edit(site, replacing: #"title: "Nairobi Open Government Action Plan 2025–2027""#,
                 with: #"title: "Plan <script>alert(101)</script> & \"><img src=x onerror=alert(102)>""#)
        try edit(site, replacing: #"member: "Nairobi, Kenya""#, with: #"member: "Nairobi</title><script>alert(103)</script>""#)
        try edit(site, replacing: #"title: "Action plan – Nairobi, Kenya, 2025-2027""#,
                 with: #"title: "Action plan </script><script>alert(104)</script>""#)
        try edit(site, replacing: "publish_attendee_names: false", with: "publish_attendee_names: true")
        if allowHTML { try edit(site, replacing: "allow_html: false", with: "allow_html: true") }

        let bodies = content + "/bodies.yaml"
        try edit(bodies, replacing: #"name: "Multi-stakeholder Steering Committee""#,
                 with: #"name: "Steering <svg onload=alert(105)> committee""#)
        try edit(bodies, replacing: #"- "Nairobi Business Roundtable (example)""#,
                 with: #"- "<iframe src=javascript:alert(106)></iframe>""#)

        try edit(commitment, replacing: #"title: "Institutionalise"#, with: #"title: "<script>alert(107)</script> Institutionalise"#)
        try edit(commitment, replacing: #"short_title: "Institutionalise open government principles""#,
                 with: #"short_title: "<b onmouseover=alert(108)>Short</b> \"><img src=x onerror=alert(109)>""#)
        try edit(commitment, replacing: "policy_area: Pressure", with: #"policy_area: "</title><script>alert(110)</script>""#)
        try edit(commitment, replacing: #"- "The Oslo Center""#, with: #"- "The Oslo Center \"><script>alert(111)</script>""#)
        try edit(commitment, replacing: #"- "Cross-sectoral""#, with: #"- "javascript:alert(112)""#)
        try write(try read(commitment) + Self.hostileMarkdown, to: commitment)
        try edit(content + "/commitments/KENMS0005/index.fr.md", replacing: "title: ", with: #"title: "<script>alert(113)</script>" # "#)

        try edit(milestone, replacing: #"title: "Operationalisation"#, with: #"title: "<script>alert(114)</script> Operationalisation"#)
        try edit(milestone, replacing: "status: complete\nupdates:",
                 with: "status: complete\nlead: \"<img src=x onerror=alert(115)>\"\nupdates:")
        try edit(milestone, replacing: #"summary: "Example update: draft terms"#,
                 with: #"summary: "<a href=\"javascript:alert(116)\">update</a> draft terms"#)
        try write(try read(milestone) + Self.hostileMarkdown, to: milestone)

        try edit(meeting, replacing: #"title: "Inaugural meeting"#, with: #"title: "<script>alert(117)</script> Inaugural meeting"#)
        try edit(meeting, replacing: #"location: "City Hall, Nairobi (example)""#,
                 with: #"location: "\"><img src=x onerror=alert(118)> City Hall""#)
        try edit(meeting, replacing: #"name: "A. Example (example name)""#, with: #"name: "<script>alert(119)</script>""#)
        try edit(meeting, replacing: #"organisation: "The Oslo Center""#,
                 with: #"organisation: "The Oslo Center' onmouseover='alert(120)""#)
        try edit(meeting, replacing: #"- "Example decision: the committee meets twice a year"#,
                 with: #"- "</script><script>alert(121)</script> the committee meets twice a year"#)
        try edit(meeting, replacing: #"text: "Publish the adopted terms"#, with: #"text: "<img src=x onerror=alert(122)> Publish the adopted terms"#)
        try edit(meeting, replacing: #"owner: "Office of the Governor""#, with: #"owner: "<b onclick=alert(123)>Governor</b>""#)
        try edit(meeting, replacing: #"- title: "Terms of reference of the steering committee (example document)""#,
                 with: #"- title: "<script>alert(124)</script> Terms of reference""#)
        try edit(meeting, replacing: "url: https://www.opengovpartnership.org/members/nairobi-kenya/commitments/KENMS0005/",
                 with: #"url: "https://example.org/\"><script>alert(125)</script>?a=1&b='onmouseover='alert(126)""#)
        try write(try read(meeting) + Self.hostileMarkdown, to: meeting)

        try edit(note, replacing: #"title: "Guidance note"#, with: #"title: "<script>alert(127)</script> Guidance note"#)
        try edit(note, replacing: #"summary: "Example guidance note"#, with: #"summary: "<img src=x onerror=alert(128)> Example guidance note"#)
        try edit(note, replacing: #"- "The Oslo Center""#, with: #"- "<script>alert(129)</script>""#)
        try edit(note, replacing: "tags: [guidance-note,", with: #"tags: ["<script>alert(130)</script>", "javascript:alert(131)","#)
        try write(try read(note) + Self.hostileMarkdown, to: note)

        try edit(page, replacing: "title: ", with: #"title: "<script>alert(132)</script>" # "#)
        try write(try read(page) + Self.hostileMarkdown + "\nSafe <b>ok</b> markup.\n", to: page)

        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(content: content, output: output))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics))
        XCTAssertGreaterThan(report.pages, 0)
        return (content, output)
    }

    func testHostileContentNeverBecomesExecutableMarkup() throws {
        let (_, output) = try buildHostileExample()
        let files = try tree(output)
        XCTAssertGreaterThan(files.count, 20)
        var problems: [String] = []
        var scanned = 0
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let text = String(decoding: data, as: UTF8.self)
            problems += MarkupScanner.problems(in: text, path: path)
            if MarkupScanner.isMarkup(path) { scanned += 1 }
        }
        XCTAssertGreaterThan(scanned, 10, "the HTML pages were scanned")
        XCTAssertEqual(problems, [], problems.prefix(40).joined(separator: "\n"))

        // The hostile text is shown, escaped, where it was written.
        func page(_ path: String) throws -> String {
            let data = try XCTUnwrap(files[path], "\(path) is built")
            return String(decoding: data, as: UTF8.self)
        }
        let home = try page("index.html")
        XCTAssertTrue(home.contains("Plan &lt;script&gt;alert(101)&lt;/script&gt; &amp; "), "site title escaped")
        XCTAssertTrue(home.contains("&lt;img src=x onerror=alert(102)&gt;"))
        let commitment = try page("commitments/kenms0005/index.html")
        XCTAssertTrue(commitment.contains("&lt;script&gt;alert(107)&lt;/script&gt; Institutionalise"))
        XCTAssertTrue(commitment.contains("&lt;/title&gt;&lt;script&gt;alert(110)&lt;/script&gt;"), "policy area escaped")
        XCTAssertTrue(commitment.contains("The Oslo Center &quot;&gt;&lt;script&gt;alert(111)&lt;/script&gt;")
                      || commitment.contains("The Oslo Center &#34;&gt;&lt;script&gt;alert(111)&lt;/script&gt;"), "institution escaped")
        XCTAssertTrue(commitment.contains("Text with <!-- raw HTML omitted --> and"), "raw HTML in a body is omitted")
        XCTAssertTrue(commitment.contains("<code>&lt;script&gt;alert(231)&lt;/script&gt;</code>"), "code spans stay code")
        XCTAssertTrue(try page("fr/commitments/kenms0005/index.html").contains("&lt;script&gt;alert(113)&lt;/script&gt;"))
        let milestone = try page("commitments/kenms0005/milestones/1/index.html")
        XCTAssertTrue(milestone.contains("&lt;script&gt;alert(114)&lt;/script&gt; Operationalisation"))
        XCTAssertTrue(milestone.contains("&lt;img src=x onerror=alert(115)&gt;"), "lead escaped")
        XCTAssertTrue(milestone.contains("alert(116)"), "update summary shown")
        let meeting = try page("meetings/2025-09-18-steering-committee-inaugural-meeting/index.html")
        XCTAssertTrue(meeting.contains("&lt;script&gt;alert(117)&lt;/script&gt; Inaugural meeting"))
        XCTAssertTrue(meeting.contains("&lt;img src=x onerror=alert(118)&gt; City Hall"), "location escaped")
        XCTAssertTrue(meeting.contains("&lt;script&gt;alert(119)&lt;/script&gt;"), "attendee name escaped")
        XCTAssertTrue(meeting.contains("alert(120)"), "attendee organisation shown")
        XCTAssertTrue(meeting.contains("&lt;/script&gt;&lt;script&gt;alert(121)&lt;/script&gt; the committee"), "decision escaped")
        XCTAssertTrue(meeting.contains("&lt;img src=x onerror=alert(122)&gt; Publish"), "action item escaped")
        XCTAssertTrue(meeting.contains("&lt;b onclick=alert(123)&gt;Governor&lt;/b&gt;"), "owner escaped")
        XCTAssertTrue(meeting.contains("&lt;script&gt;alert(124)&lt;/script&gt; Terms of reference"), "document title escaped")
        XCTAssertTrue(meeting.contains("alert(125)"), "document URL kept, escaped")
        if let start = meeting.range(of: "application/ld+json\">") {
            let jsonLD = meeting[start.upperBound...].prefix { $0 != "<" }
            XCTAssertTrue(jsonLD.contains("alert(117)"), "the hostile title is in the JSON-LD, made safe: \(jsonLD.prefix(300))")
        }
        if let feed = files["feed.xml"] {
            XCTAssertTrue(String(decoding: feed, as: UTF8.self).contains("alert(117)"), "the hostile title is in the feed")
        }
        let note = try page("notes/publishing-committee-minutes-within-30-days/index.html")
        XCTAssertTrue(note.contains("&lt;script&gt;alert(127)&lt;/script&gt; Guidance note"))
        XCTAssertTrue(note.contains("&lt;script&gt;alert(129)&lt;/script&gt;"), "author escaped")
        XCTAssertTrue(note.contains("&lt;script&gt;alert(130)&lt;/script&gt;"), "tag escaped")
        let about = try page("pages/about/index.html")
        XCTAssertTrue(about.contains("&lt;script&gt;alert(132)&lt;/script&gt;"))
        XCTAssertFalse(about.contains("<b>ok</b>"), "raw HTML is omitted without allow_html")
    }

    func testAllowHTMLKeepsRawHTMLButStillEscapesFrontMatter() throws {
        let content = try copyOfExample(self)
        try edit(content + "/site.yaml", replacing: "allow_html: false", with: "allow_html: true")
        let page = content + "/pages/about.md"
        try edit(page, replacing: "title: ", with: #"title: "<b>Bold</b> <script>alert(301)</script>" # "#)
        try write(try read(page) + "\nSafe <b>ok</b> markup and <em class=\"x\">emphasis</em>.\n\n<div class=\"box\">A block</div>\n", to: page)
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(content: content, output: output))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics))
        let about = try read(output + "/pages/about/index.html")
        XCTAssertTrue(about.contains("Safe <b>ok</b> markup and <em class=\"x\">emphasis</em>."), about)
        XCTAssertTrue(about.contains("<div class=\"box\">A block</div>"), about)
        XCTAssertTrue(about.contains("&lt;b&gt;Bold&lt;/b&gt; &lt;script&gt;alert(301)&lt;/script&gt;"), "front matter is always text")
        XCTAssertFalse(about.contains("<script>alert(301)"))
    }

    /// The scanner itself finds what it must find, so that an empty list of problems means something.
    func testTheScannerCatchesExecutableMarkup() {
        let bad = [
            "<p><script>alert(1)</script></p>",
            "<SCRIPT src=x></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<img src=x\nONERROR=alert(1)>",
            "<svg/onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href='JaVaScRiPt:alert(1)'>x</a>",
            "<a href=javascript:alert(1)>x</a>",
            "<a href=\" &#x20;javascript:alert(1)\">x</a>",
            "<a href=\"java&#x09;script:alert(1)\">x</a>",
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
            "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">x</a>",
            "<a href=\"javascript&colon;alert(1)\">x</a>",
            "<a href=\"data:text/html,x\">x</a>",
            "<img src=\"javascript:alert(1)\">",
            "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
            "<form action=\"javascript:alert(1)\"></form>",
            "<script type=\"application/ld+json\">{\"a\": \"</script><script>alert(1)</script>\"}</script>",
            "<feed><title type=\"html\">&lt;script&gt;alert(1)&lt;/script&gt;</title></feed>",
            "<feed><content type=\"html\">&lt;img src=x onerror=alert(1)&gt;</content></feed>",
        ]
        for sample in bad {
            let path = sample.hasPrefix("<feed") ? "feed.xml" : "page.html"
            XCTAssertFalse(MarkupScanner.problems(in: sample, path: path).isEmpty, "not caught: \(sample)")
        }
        let good = [
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
            "<meta name=\"description\" content=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">",
            "<a href=\"https://example.org/&quot;&gt;&lt;script&gt;\" title=\"x onclick=y\">ok</a>",
            "<a href=\"../files/javascript-guide.pdf\">guide</a> javascript:alert(1) as text",
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\">",
            "<!-- <script>alert(1)</script> -->",
            "<script type=\"application/ld+json\">{\"name\": \"\\u003c/script\\u003e\"}</script>",
            "<feed><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></feed>",
            "<feed><content type=\"html\">&lt;p&gt;&amp;lt;script&amp;gt;&lt;/p&gt;</content></feed>",
        ]
        for sample in good {
            let path = sample.hasPrefix("<feed") ? "feed.xml" : "page.html"
            XCTAssertEqual(MarkupScanner.problems(in: sample, path: path), [], sample)
        }
    }
}

/// Finds executable markup in an output file, as a browser would parse it: script elements,
/// event-handler attributes, and script or data URLs (after entity decoding and the URL parser's
/// stripping of spaces and control characters).
enum MarkupScanner {
    /// Data formats hold exact values (SPEC §3): they are not parsed as markup by a browser.
    static let dataExtensions: Set<String> = ["csv", "json", "jsonld", "ics", "txt", "css"]
    /// Attributes whose value a browser loads or navigates to.
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "data", "poster",
                                             "background", "codebase", "cite", "longdesc", "usemap", "manifest",
                                             "ping", "lowsrc", "dynsrc", "srcset", "icon"]
    static let forbiddenElements: Set<String> = ["iframe", "frame", "frameset", "object", "embed", "applet", "base",
                                                 "form", "button", "input", "textarea", "select", "math", "portal"]

    static func isMarkup(_ path: String) -> Bool {
        !dataExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    static func problems(in text: String, path: String) -> [String] {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "js" || ext == "mjs" {
            // The theme's own search script, byte for byte, is the only script a site may hold.
            let theme = FileManager.default.contents(atPath: defaultTheme + "/assets/search.js")
            if path == "assets/search.js", let theme, Array(text.utf8) == Array(theme) { return [] }
            return ["\(path): a JavaScript file is published"]
        }
        if !isMarkup(path) {
            let start = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
            return start.first == "<" ? ["\(path): a data file that a browser could sniff as HTML"] : []
        }
        var out = scan(Array(text.unicodeScalars), path: path)
        if ext == "xml" || ext == "atom" || ext == "rss" {
            // Feed readers render `type="html"` text (and RSS descriptions) as HTML: scan it decoded.
            for embedded in escapedHTML(in: text) {
                out += scan(Array(decodeEntities(embedded).unicodeScalars), path: path + " (embedded HTML)")
            }
        }
        return out
    }

    /// Text of feed elements that readers render as HTML.
    static func escapedHTML(in text: String) -> [String] {
        var out: [String] = []
        let pattern = #"<(title|summary|content|subtitle|rights|description)\b([^>]*)>(.*?)</\1>"#
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive, .dotMatchesLineSeparators]) else { return out }
        let ns = text as NSString
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: match.range(at: 1)).lowercased()
            let attributes = ns.substring(with: match.range(at: 2)).lowercased()
            if name == "description" || attributes.contains("html") {
                var inner = ns.substring(with: match.range(at: 3))
                if inner.hasPrefix("<![CDATA["), inner.hasSuffix("]]>") {
                    inner = String(inner.dropFirst(9).dropLast(3))
                    out.append(inner.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))
                } else {
                    out.append(inner)
                }
            }
        }
        return out
    }

    /// Walks the tags of an HTML or XML document.
    static func scan(_ s: [Unicode.Scalar], path: String) -> [String] {
        var problems: [String] = []
        var i = 0
        func lowered(_ from: Int, _ to: Int) -> String {
            String(String.UnicodeScalarView(s[from..<min(to, s.count)])).lowercased()
        }
        func starts(_ prefix: String, at index: Int) -> Bool {
            let p = Array(prefix.unicodeScalars)
            guard index + p.count <= s.count else { return false }
            return lowered(index, index + p.count) == prefix
        }
        func find(_ needle: String, from index: Int) -> Int? {
            var j = index
            while j < s.count {
                if starts(needle, at: j) { return j }
                j += 1
            }
            return nil
        }
        while i < s.count {
            guard s[i] == "<" else { i += 1; continue }
            if starts("<!--", at: i) { i = (find("-->", from: i + 4) ?? s.count) + 3; continue }
            if starts("<![cdata[", at: i) {
                let end = find("]]>", from: i) ?? s.count
                if lowered(i, end).contains("<script") { problems.append("\(path): <script in CDATA") }
                i = end + 3
                continue
            }
            guard i + 1 < s.count, s[i + 1].properties.isAlphabetic || s[i + 1] == "/" || s[i + 1] == "!" || s[i + 1] == "?" else {
                i += 1
                continue
            }
            // Tag name.
            var j = i + 1
            let closing = s[j] == "/"
            if closing { j += 1 }
            let nameStart = j
            while j < s.count, !s[j].properties.isWhitespace, s[j] != "/", s[j] != ">" { j += 1 }
            let name = lowered(nameStart, j)
            // Attributes.
            var attributes: [(String, String?)] = []
            while j < s.count, s[j] != ">" {
                if s[j].properties.isWhitespace || s[j] == "/" { j += 1; continue }
                let attrStart = j
                j += 1
                while j < s.count, !s[j].properties.isWhitespace, s[j] != "/", s[j] != ">", s[j] != "=" { j += 1 }
                let attr = lowered(attrStart, j)
                while j < s.count, s[j].properties.isWhitespace { j += 1 }
                var value: String?
                if j < s.count, s[j] == "=" {
                    j += 1
                    while j < s.count, s[j].properties.isWhitespace { j += 1 }
                    if j < s.count, s[j] == "\"" || s[j] == "'" {
                        let quote = s[j]
                        let valueStart = j + 1
                        j = valueStart
                        while j < s.count, s[j] != quote { j += 1 }
                        value = String(String.UnicodeScalarView(s[valueStart..<min(j, s.count)]))
                        j += 1
                    } else {
                        let valueStart = j
                        while j < s.count, !s[j].properties.isWhitespace, s[j] != ">" { j += 1 }
                        value = String(String.UnicodeScalarView(s[valueStart..<j]))
                    }
                }
                attributes.append((attr, value))
            }
            let tagEnd = j
            if !closing {
                problems += check(tag: name, attributes, path: path)
            }
            i = tagEnd + 1
            // Raw-text elements: their content is not markup.
            if !closing, name == "script" {
                let end = find("</script", from: i) ?? s.count
                let body = String(String.UnicodeScalarView(s[i..<end]))
                let source = attributes.first(where: { $0.0 == "src" })?.1 ?? ""
                let themeScript = attributes.count == 2 && attributes.contains(where: { $0.0 == "defer" })
                    && source.hasSuffix("assets/search.js") && !source.contains(":") && !source.hasPrefix("//")
                    && body.isEmpty
                if themeScript {
                    // The theme's own search script, from the site's assets: allowed, nothing else is.
                } else if attributes.first(where: { $0.0 == "type" })?.1?.lowercased() != "application/ld+json" {
                    problems.append("\(path): <script> element")
                } else if body.contains("<") {
                    problems.append("\(path): '<' inside JSON-LD can end the script element")
                }
                i = end
            } else if !closing, ["style", "textarea", "title", "xmp", "noembed", "noframes", "plaintext"].contains(name),
                      !path.hasSuffix(".xml") {
                let end = find("</" + name, from: i) ?? s.count
                if lowered(i, end).contains("<script") && name != "title" && name != "textarea" {
                    problems.append("\(path): <script inside <\(name)>")
                }
                i = end
            }
        }
        return problems
    }

    static func check(tag name: String, _ attributes: [(String, String?)], path: String) -> [String] {
        var problems: [String] = []
        if name == "script" { return [] }  // judged with its content
        // The search page's own form (no action: the script handles it) is the theme's, not content's.
        let searchForm = path.hasSuffix("search/index.html") && ["form", "input", "button"].contains(name)
            && !attributes.contains { ["action", "formaction"].contains($0.0) }
        if forbiddenElements.contains(name) && !searchForm { problems.append("\(path): <\(name)> element") }
        for (attribute, value) in attributes {
            if attribute.hasPrefix("on") { problems.append("\(path): <\(name) \(attribute)=…> event handler") }
            if attribute == "srcdoc" { problems.append("\(path): <\(name) srcdoc>") }
            guard let value else { continue }
            let decoded = decodeEntities(value)
            if attribute == "style", decoded.lowercased().contains("javascript:") || decoded.lowercased().contains("expression(") {
                problems.append("\(path): script in a style attribute")
            }
            if name == "meta", attribute == "content", decoded.lowercased().contains("url=") {
                let url = decoded.components(separatedBy: "=").dropFirst().joined(separator: "=")
                if let scheme = scheme(of: url), ["javascript", "vbscript", "data"].contains(scheme) {
                    problems.append("\(path): meta refresh to a \(scheme): URL")
                }
            }
            guard urlAttributes.contains(attribute) else { continue }
            let urls = attribute == "srcset" ? decoded.components(separatedBy: ",") : [decoded]
            for url in urls {
                guard let scheme = scheme(of: url) else { continue }
                if scheme == "javascript" || scheme == "vbscript" || scheme == "livescript" {
                    problems.append("\(path): <\(name) \(attribute)=\"\(value)\"> runs script")
                } else if scheme == "data" {
                    let type = url.drop { $0 != ":" }.dropFirst().lowercased()
                    let image = ["image/png", "image/gif", "image/jpeg", "image/webp"].contains { type.hasPrefix($0) }
                    if !(image && (attribute == "src" || attribute == "srcset")) {
                        problems.append("\(path): <\(name) \(attribute)=\"\(value)\"> is a data: URL")
                    }
                }
            }
        }
        return problems
    }

    /// The scheme a browser's URL parser sees: leading and trailing spaces and controls stripped,
    /// tabs and newlines removed anywhere.
    static func scheme(of url: String) -> String? {
        var scalars = Array(url.unicodeScalars)
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        var scheme = ""
        for scalar in scalars {
            if scalar == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar) else {
                return nil
            }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n",
        "sol": "/", "lpar": "(", "rpar": ")", "nbsp": "\u{A0}", "period": ".", "semi": ";", "comma": ",",
        "excl": "!", "num": "#", "percnt": "%", "equals": "=", "plus": "+", "lowbar": "_", "hyphen": "-",
    ]

    /// Decodes character references as an HTML parser does, including those without a semicolon.
    static func decodeEntities(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            guard s[i] == "&" else { out.append(s[i]); i += 1; continue }
            var j = i + 1
            if j < s.count, s[j] == "#" {
                j += 1
                let hex = j < s.count && (s[j] == "x" || s[j] == "X")
                if hex { j += 1 }
                let digitsStart = j
                while j < s.count, hex ? s[j].properties.isASCIIHexDigit : ("0"..."9").contains(s[j]) { j += 1 }
                let digits = String(String.UnicodeScalarView(s[digitsStart..<j]))
                if let value = UInt32(digits, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(value) {
                    out.append(scalar)
                    if j < s.count, s[j] == ";" { j += 1 }
                    i = j
                    continue
                }
            } else {
                while j < s.count, s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) { j += 1 }
                let name = String(String.UnicodeScalarView(s[(i + 1)..<j])).lowercased()
                if let replacement = namedEntities[name] {
                    out.append(contentsOf: replacement.unicodeScalars)
                    if j < s.count, s[j] == ";" { j += 1 }
                    i = j
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return String(out)
    }
}
