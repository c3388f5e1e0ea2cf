import Foundation
import Yams
#if canImport(Glibc)
import Glibc
#endif

/// `wazi new …` and `wazi init`: content files that pass `wazi check` as written, every key
/// documented in a YAML comment, so an author only fills in the text.
public enum Scaffold {
    public struct Failure: Error, CustomStringConvertible {
        public enum Kind: Sendable { case usage, content }
        /// `usage` for a malformed argument (exit 2), `content` for anything the content decides (exit 1).
        public let kind: Kind
        public let description: String

        init(_ kind: Kind, _ description: String) {
            self.kind = kind
            self.description = description
        }

        init(_ description: String) { self.init(.content, description) }
    }

    // MARK: wazi new

    /// `content/commitments/<ID>/milestones/<N>-<slug>.md` with the next free number.
    public static func milestone(content: String, commitment: String, title: String, today: Day) throws -> String {
        try milestone(content: content, commitment: commitment, title: title, today: today, endBy: nil)
    }

    /// `endBy`: an end earlier than the commitment's (a new site's first milestone).
    static func milestone(content: String, commitment: String, title: String, today: Day, endBy: PlanDate?) throws -> String {
        let title = try checkedTitle(title)
        let known = commitmentIDs(content)
        guard let id = known.first(where: { $0 == commitment }) ?? known.first(where: { $0.uppercased() == commitment.uppercased() }) else {
            throw Failure("unknown commitment '\(commitment)'; known: \(list(known))")
        }
        let folder = content + "/commitments/\(id)/milestones"
        // The highest number in use (translations share their file's number), plus one.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let used = names.compactMap { name -> Int? in
            guard name.hasSuffix(".md"), let dash = name.firstIndex(of: "-") else { return nil }
            return Int(name[..<dash])
        }
        let number = (used.max() ?? 0) + 1
        let commitmentFile = frontMatter(content + "/commitments/\(id)/index.md")
        let thisMonth = PlanDate(year: today.year, month: today.month) ?? PlanDate(day: today)
        let commitmentStart = commitmentFile?["start"]?.string.flatMap(PlanDate.init(iso:))
        let start = commitmentStart.map { $0.first > thisMonth.first ? $0 : thisMonth } ?? thisMonth
        let commitmentEnd = commitmentFile?["end"]?.string.flatMap(PlanDate.init(iso:))
        var end = commitmentEnd.map { $0.last >= start.last ? $0 : start } ?? start
        if let endBy, endBy.last < end.last, endBy.last >= start.last { end = endBy }
        let slug = slugify(title, fallback: "milestone")
        let text = """
            ---
            # Milestone \(id)-\(number) (SPEC.md §2.3). Lines starting with # are comments.
            # number: unique within the commitment; must equal the number the file name starts with.
            number: \(number)
            # title: the milestone as the action plan words it.
            title: \(quoted(title))
            # start, end: YYYY-MM (month, as OGP publishes them) or YYYY-MM-DD; end must not precede start.
            start: \(start.iso)
            end: \(end.iso)
            # status: not-started | in-progress | stuck | complete (OGP's four);
            # once there are updates, it must equal the status of the latest one.
            status: not-started
            # lead: the institution leading this milestone; defaults to the commitment's lead institution.
            # lead: "Name of the institution"
            # updates: the status history, append-only; add one each time progress is reported:
            # updates:
            #   - date: \(today.iso)
            #     status: in-progress
            #     summary: "What was done, in a sentence or two."
            #     evidence: [files/report.pdf]   # optional: https links, or documents under content/files/
            ---

            ## Description

            What this milestone delivers, and how its completion will be shown.

            """
        return try create(folder + "/\(number)-\(slug).md", text)
    }

    /// `content/meetings/<date>-<slug>.md` of a governance body in bodies.yaml.
    public static func meeting(content: String, body: String, date: Day, title: String) throws -> String {
        let title = try checkedTitle(title)
        let bodies = bodyKeys(content)
        guard bodies.contains(body) else {
            throw Failure("unknown body '\(body)'; known (content/bodies.yaml): \(list(bodies))")
        }
        let example = commitmentIDs(content).first ?? "ABC0001"
        let text = """
            ---
            # Meeting (SPEC.md §2.4). Lines starting with # are comments.
            title: \(quoted(title))
            # date: the day of the meeting (YYYY-MM-DD); the file name must start with it.
            date: \(date.iso)
            # start_time, end_time: HH:MM, local time in the site's timezone.
            # start_time: "09:30"
            # end_time: "12:00"
            # body: key of the governance body in bodies.yaml (\(bodies.joined(separator: ", "))).
            body: \(body)
            # type: meeting | training | consultation
            type: meeting
            # status: scheduled | held | cancelled; leave it out and it follows the date
            # (held once the date has passed, scheduled before).
            # location: "Where it takes place"
            # commitments, milestones: the ids this meeting advances; they must exist.
            # commitments: [\(example)]
            # milestones: [\(example)-1]
            # attendees: organisations and their sector: government, civil-society, private-sector,
            # development-partner or other (names are published only if site.yaml allows it).
            # attendees:
            #   - organisation: "Name of the organisation"
            #     sector: government
            # decisions: ["A decision, in one sentence."]
            # action_items:
            #   - text: "What is to be done"
            #     owner: "Who does it"
            #     due: \(date.adding(days: 30).iso)
            #     status: open     # open | done
            # documents:
            #   - title: "Minutes"
            #     url: files/minutes.pdf   # https link, or a document under content/files/
            ---

            ## Agenda

            1. First item

            ## Minutes

            To be written after the meeting.

            """
        return try create(content + "/meetings/\(date.iso)-\(slugify(title, fallback: "meeting")).md", text)
    }

    /// `content/notes/<slug>.md`, dated today.
    public static func note(content: String, title: String, today: Day) throws -> String {
        let title = try checkedTitle(title)
        let example = commitmentIDs(content).first ?? "ABC0001"
        let text = """
            ---
            # Policy note (SPEC.md §2.6). Lines starting with # are comments.
            # Its address is notes/<file name without .md>/.
            title: \(quoted(title))
            # date: the day it is published (YYYY-MM-DD).
            date: \(today.iso)
            # summary: a sentence or two for lists and the feed.
            # summary: "What the note says, in short."
            # authors: ["Name of an author or organisation"]
            # commitments, milestones: the ids this note concerns; they must exist.
            # commitments: [\(example)]
            # milestones: [\(example)-1]
            # tags: [guidance-note]
            ---

            Write the note here. `## Headings` make sections.

            """
        return try create(content + "/notes/\(slugify(title, fallback: "note")).md", text)
    }

    /// `content/commitments/<ID>/index.md`, for the whole action plan by default.
    public static func commitment(content: String, id: String, title: String, today: Day,
                                  institutions: [String] = []) throws -> String {
        let title = try checkedTitle(title)
        let id = id.uppercased()
        guard id.range(of: "^[A-Z0-9][A-Z0-9-]*$", options: .regularExpression) != nil else {
            throw Failure(.usage, "--id '\(id)' must be letters, digits and hyphens, e.g. KENMS0005")
        }
        let existing = commitmentIDs(content)
        if existing.contains(where: { $0.uppercased() == id }) {
            throw Failure("commitment \(id) already exists: \(content)/commitments/\(id)/index.md")
        }
        let leads = try institutions.map(checkedTitle)
        let plan = frontMatterYAML(content + "/site.yaml")?["action_plan"]
        let thisMonth = PlanDate(year: today.year, month: today.month) ?? PlanDate(day: today)
        let planStart = plan?["start"]?.string.flatMap(PlanDate.init(iso:))
        let start = planStart.map { $0.first > thisMonth.first ? $0 : thisMonth } ?? thisMonth
        let planEnd = plan?["end"]?.string.flatMap(PlanDate.init(iso:))
        let end = planEnd.map { $0.last >= start.last ? $0 : start } ?? start
        let institutionLines = (leads.isEmpty ? ["Lead institution (to be confirmed)"] : leads)
            .map { "  - \(quoted($0))" }.joined(separator: "\n")
        let text = """
            ---
            # Commitment (SPEC.md §2.2). Lines starting with # are comments.
            # id: the OGP commitment id; the folder's name must equal it.
            id: \(id)
            title: \(quoted(title))
            # short_title: a short name for navigation and tables.
            # short_title: "Short name"
            # start, end: YYYY-MM (month, as OGP publishes them) or YYYY-MM-DD.
            start: \(start.iso)
            end: \(end.iso)
            # institutions: the first is the lead institution.
            institutions:
            \(institutionLines)
            # policy_area: "Open data"
            # sectors: ["Public Services (general)"]
            # ogp_values: any of access-to-information, civic-participation, public-accountability, technology-innovation
            # ogp_values: [access-to-information]
            # initial_report: https link to the IRM's initial report (absent: "Not available")
            # ogp_url: the commitment's page on the OGP website
            # irm: the Independent Reporting Mechanism's assessment, apart from the member's own status:
            # irm: {assessed: \(today.iso), completion: substantial, did_it_open_government: marginal, potential_results: modest}
            # draft: true keeps the commitment out of the site unless the build is run with --drafts.
            # draft: true
            ---

            ## Problem

            What problem does the commitment address?

            ## Status quo

            What is the situation at the start of the action plan?

            ## Action

            What will the commitment do?

            ## Expected results

            What will have changed when it is complete?

            """
        let folder = content + "/commitments/\(id)"
        let path = try create(folder + "/index.md", text)
        return path
    }

    // MARK: wazi init

    /// A new site in `folder` (which must be empty or absent): site.yaml, bodies.yaml, one commitment
    /// with a milestone, an About page and a copy of the theme. Returns the files written.
    public static func site(at folder: String, theme: String, today: Day,
                            title: String = "Open Government Action Plan", member: String = "Example member") throws -> [String] {
        let title = try checkedTitle(title)
        let member = try checkedTitle(member)
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Failure("\(folder) exists and is not a folder") }
            let entries = (try? fm.contentsOfDirectory(atPath: folder)) ?? []
            guard entries.isEmpty else {
                throw Failure("\(folder) is not empty (\(entries.count) entries); wazi init starts a site in a new or empty folder only")
            }
        }
        guard fm.fileExists(atPath: theme + "/layout.mustache") else {
            throw Failure(.usage, "no theme at \(theme) (no layout.mustache); give --templates DIR")
        }
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure("cannot create \(folder): \(error)")
        }
        let content = folder + "/content"
        // An OGP action plan runs two years.
        let start = PlanDate(year: today.year, month: today.month) ?? PlanDate(day: today)
        let endMonth = today.month == 1 ? 12 : today.month - 1
        let end = PlanDate(year: today.year + (today.month == 1 ? 1 : 2), month: endMonth) ?? start
        let milestoneEndDay = today.adding(days: 183)
        let milestoneEnd = PlanDate(year: milestoneEndDay.year, month: milestoneEndDay.month) ?? start
        let planID = "PLAN-\(today.year)"
        var written: [String] = []
        written.append(try create(content + "/site.yaml", """
            # Site configuration (SPEC.md §2.1). Lines starting with # are comments.
            # title: the site's title.
            title: \(quoted(title))
            # base_url: the absolute https address the site is published at (feeds, sitemap and calendar need it).
            base_url: https://example.org/
            # languages: the first is the default; others are published under /<code>/ (translations: <name>.<code>.md).
            languages: [en]
            # timezone: IANA zone of meeting times.
            timezone: Africa/Nairobi
            # member: the OGP member, e.g. "Nairobi, Kenya".
            member: \(quoted(member))
            # action_plan: id, title, start and end (YYYY-MM or YYYY-MM-DD), and optionally its url.
            action_plan:
              id: \(planID)
              title: \(quoted("Action plan \(start.first.year)–\(end.first.year)"))
              start: \(start.iso)
              end: \(end.iso)
              # url: https://www.opengovpartnership.org/members/...
            # license: SPDX id of the open data licence.
            license: CC-BY-4.0
            # contact: an e-mail address or URL.
            # contact: opengov@example.org
            # publish_attendee_names: false publishes meeting attendees as organisation and sector only.
            publish_attendee_names: false
            # allow_html: false escapes raw HTML in Markdown.
            allow_html: false

            """))
        written.append(try create(content + "/bodies.yaml", """
            # Governance bodies (SPEC.md §2.5): a key (used by meetings' `body`) for each.
            # cadence: biannual | quarterly | monthly (the site shows meetings expected vs held).
            # members: the organisations that sit on it.
            steering-committee:
              name: "Multi-stakeholder forum"
              cadence: quarterly
              members:
                - "Lead institution (to be confirmed)"
                - "A civil society organisation (to be confirmed)"

            """))
        written.append(try commitment(content: content, id: "EX0001", title: "A first commitment (rename me)",
                                      today: today, institutions: []))
        // A first milestone ends within the plan, not with it.
        written.append(try milestone(content: content, commitment: "EX0001", title: "A first milestone", today: today,
                                     endBy: milestoneEnd))
        written.append(try create(content + "/pages/about.md", """
            ---
            # A free page (SPEC.md §2.6): its address is pages/<file name without .md>/.
            title: About
            # menu: its place in the main navigation (leave it out to keep it out of the menu).
            menu: 1
            ---

            Who publishes this site, and how to take part in the action plan.

            """))
        written.append(try create(folder + "/.gitignore", "site/\n"))
        do {
            try fm.copyItem(atPath: theme, toPath: folder + "/templates")
        } catch {
            throw Failure("cannot copy the theme from \(theme): \(error)")
        }
        written.append(folder + "/templates/")
        return written
    }

    /// The default theme for `wazi init`: the repository's templates/ found from the executable
    /// (`.build/debug/wazi` sits two folders below the repository), an installed share/wazi/templates,
    /// the folder this library was compiled from, then ./templates.
    public static func defaultTheme(executable: String?) -> String? {
        var candidates: [String] = []
        if let executable {
            var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<5 {
                candidates.append(folder.appendingPathComponent("templates").path)
                candidates.append(folder.appendingPathComponent("share/wazi/templates").path)
                folder.deleteLastPathComponent()
            }
        }
        var source = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { source.deleteLastPathComponent() }
        candidates.append(source.appendingPathComponent("templates").path)
        candidates.append(FileManager.default.currentDirectoryPath + "/templates")
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/layout.mustache") }
    }

    // MARK: helpers

    /// An ASCII slug of letters, digits and hyphens (what file names allow), at most 60 characters.
    public static func slugify(_ title: String, fallback: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
        var slug = ""
        for scalar in folded.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 60 {
            slug = String(slug.prefix(60))
            if let cut = slug.lastIndex(of: "-"), slug.distance(from: slug.startIndex, to: cut) > 20 { slug = String(slug[..<cut]) }
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug.isEmpty ? fallback : slug
    }

    /// A title on one line: YAML and page titles have no use for control characters.
    static func checkedTitle(_ title: String) throws -> String {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Failure(.usage, "--title must not be empty") }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Failure(.usage, "--title must be one line of text")
        }
        return trimmed
    }

    /// A YAML double-quoted scalar: only `\` and `"` need escaping once controls are refused.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "(none)" : items.joined(separator: ", ")
    }

    /// Folders of content/commitments that hold an index.md, sorted.
    static func commitmentIDs(_ content: String) -> [String] {
        let folder = content + "/commitments"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") && FileManager.default.fileExists(atPath: folder + "/\($0)/index.md") }.sorted()
    }

    /// Top-level keys of bodies.yaml, in file order.
    static func bodyKeys(_ content: String) -> [String] {
        guard let text = try? String(contentsOfFile: content + "/bodies.yaml", encoding: .utf8),
              let node = try? Yams.compose(yaml: text), let mapping = node.mapping else { return [] }
        return mapping.keys.compactMap(\.string)
    }

    /// The front matter of a Markdown file, as YAML nodes (dates stay strings).
    static func frontMatter(_ path: String) -> Node? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              case .success(let split) = FrontMatterSplit.split(text), let yaml = split.yaml else { return nil }
        return try? Yams.compose(yaml: yaml)
    }

    static func frontMatterYAML(_ path: String) -> Node? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return try? Yams.compose(yaml: text)
    }

    /// Writes a new file, never over an existing one (O_EXCL, so not even a file created meanwhile).
    static func create(_ path: String, _ text: String) throws -> String {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
        } catch {
            throw Failure("cannot create the folder of \(path): \(error)")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { throw Failure("\(path) already exists; not overwritten") }
            throw Failure("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let wrote = bytes[offset...].withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return write(fd, base, buffer.count)
            }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { throw Failure("cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += wrote
        }
        return path
    }
}
