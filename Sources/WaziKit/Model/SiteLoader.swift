import Foundation

/// What a build reads, besides the content itself.
public struct LoadOptions: Sendable {
    public var asOf: Day
    public var drafts: Bool
    public var baseURL: String?
    public var threads: Int

    public init(asOf: Day, drafts: Bool = false, baseURL: String? = nil,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.asOf = asOf
        self.drafts = drafts
        self.baseURL = baseURL
        self.threads = threads
    }
}

/// Content → Model: reads the content folder into a validated `Site`, or every problem found.
public enum SiteLoader {
    public static func load(content root: String, options: LoadOptions) -> (site: Site?, diagnostics: [Diagnostic]) {
        let log = DiagnosticLog()
        let tree = ContentTree.scan(root, log: log)
        let config = SiteConfigDecoder.decode(tree, baseURLOverride: options.baseURL, log: log)
        let bodies = SiteConfigDecoder.decodeBodies(tree, log: log)
        let languages = config?.languages ?? ["en"]
        let groups = DocumentReader.read(tree, languages: languages, threads: options.threads, log: log)

        var commitments = decodeCommitments(groups, log: log)
        let meetings = (groups[.meeting] ?? []).compactMap { ContentDecoder.meeting($0, asOf: options.asOf) }
            .sorted { ($0.date, $0.slug) < ($1.date, $1.slug) }
        let notes = (groups[.note] ?? []).compactMap(ContentDecoder.note)
            .sorted { ($1.date, $0.slug) < ($0.date, $1.slug) }
        let pages = (groups[.page] ?? []).compactMap(ContentDecoder.page)
            .sorted { ($0.menu ?? Int.max, $0.slug) < ($1.menu ?? Int.max, $1.slug) }

        let drafts = Set(commitments.filter(\.draft).map(\.id))
        if !options.drafts { commitments.removeAll { $0.draft } }
        var checker = ReferenceChecker(commitments: commitments, drafts: drafts, bodies: bodies, log: log)
        let checkedMeetings = meetings.map { checker.check($0, groups: groups) }
        let checkedNotes = notes.map { checker.check($0, groups: groups) }
        checkUniqueSlugs(checkedMeetings.map { ($0.slug, $0.origin.path) }, what: "meeting", log: log)
        checkUniqueSlugs(pages.map { ($0.slug, $0.origin.path) }, what: "page", log: log)
        checkUniqueSlugs(checkedNotes.map { ($0.slug, $0.origin.path) }, what: "note", log: log)
        if let config { warn(commitments, plan: config.actionPlan, asOf: options.asOf, groups: groups, log: log) }

        let diagnostics = log.items.sorted()
        guard let config, !log.hasErrors else { return (nil, diagnostics) }
        let site = Site(config: config, asOf: options.asOf, commitments: commitments, bodies: bodies,
                        meetings: checkedMeetings, notes: checkedNotes, pages: pages, files: tree.files,
                        relations: Relations(commitments: commitments, meetings: checkedMeetings, notes: checkedNotes))
        return (site, diagnostics)
    }

    /// Commitments with their milestones attached by folder, numbers unique.
    private static func decodeCommitments(_ groups: [ContentKind: [DocumentGroup]], log: DiagnosticLog) -> [Commitment] {
        var commitments: [String: Commitment] = [:]
        var folders: [String: String] = [:]
        var slugs: [String: String] = [:]
        for group in groups[.commitment] ?? [] {
            guard let commitment = ContentDecoder.commitment(group),
                  let folder = group.document.file.commitmentFolder else { continue }
            if let other = slugs[commitment.slug] {
                log.error(group.document.fields.location(ofValue: "id"), "duplicate commitment id '\(commitment.id)' (also in \(other))")
                continue
            }
            slugs[commitment.slug] = commitment.origin.path
            commitments[folder] = commitment
            folders[folder] = commitment.id
        }
        var numbers: [String: [Int: String]] = [:]
        for group in groups[.milestone] ?? [] {
            let file = group.document.file
            guard let folder = file.commitmentFolder else { continue }
            guard let id = folders[folder] else {
                if !(groups[.commitment] ?? []).contains(where: { $0.document.file.commitmentFolder == folder }) {
                    log.error(SourceLocation(file: file.displayPath),
                              "milestone without a commitment: commitments/\(folder)/index.md does not exist")
                }
                continue
            }
            guard let milestone = ContentDecoder.milestone(group, commitmentID: id) else { continue }
            if let other = numbers[folder]?[milestone.number] {
                log.error(group.document.fields.location(ofValue: "number"),
                          "duplicate milestone number \(milestone.number) in \(id) (also in \(other))")
                continue
            }
            numbers[folder, default: [:]][milestone.number] = file.displayPath
            commitments[folder]?.milestones.append(milestone)
        }
        return commitments.values.map { commitment in
            var sorted = commitment
            sorted.milestones.sort { $0.number < $1.number }
            return sorted
        }.sorted { $0.id < $1.id }
    }

    private static func checkUniqueSlugs(_ items: [(String, String)], what: String, log: DiagnosticLog) {
        var seen: [String: String] = [:]
        for (slug, path) in items {
            let key = slug.lowercased()
            if let other = seen[key] {
                log.error(SourceLocation(file: path), "duplicate \(what) slug '\(slug)' (also \(other))")
            }
            seen[key] = path
        }
    }

    /// SPEC §2.3 warnings: complete without evidence, ends after the plan, no update for 180 days.
    private static func warn(_ commitments: [Commitment], plan: ActionPlan, asOf: Day,
                             groups: [ContentKind: [DocumentGroup]], log: DiagnosticLog) {
        var fieldsByPath: [String: Fields] = [:]
        for group in (groups[.commitment] ?? []) + (groups[.milestone] ?? []) {
            fieldsByPath[group.document.file.displayPath] = group.document.fields
        }
        for commitment in commitments {
            let f = fieldsByPath[commitment.origin.path]
            if commitment.end.last > plan.end.last {
                log.warning(f?.location(ofValue: "end") ?? SourceLocation(file: commitment.origin.path),
                            "commitment ends \(commitment.end), after the action plan (\(plan.end))")
            }
            for milestone in commitment.milestones {
                let f = fieldsByPath[milestone.origin.path]
                let at = { (key: String) in f?.location(ofValue: key) ?? SourceLocation(file: milestone.origin.path) }
                if milestone.status == .complete, !milestone.updates.contains(where: { !$0.evidence.isEmpty }) {
                    log.warning(at("status"), "milestone \(milestone.id) is complete but no update gives evidence")
                }
                if milestone.end.last > plan.end.last {
                    log.warning(at("end"), "milestone \(milestone.id) ends \(milestone.end), after the action plan (\(plan.end))")
                }
                let since = milestone.lastReported ?? milestone.start.first
                if milestone.status == .inProgress, asOf.days(since: since) > 180 {
                    log.warning(at("status"), "milestone \(milestone.id) is in progress with no update for \(asOf.days(since: since)) days (more than 180)")
                }
            }
        }
    }
}

/// Checks what meetings and notes refer to; references to drafts are warned about and dropped.
struct ReferenceChecker {
    let commitments: Set<String>
    let milestones: Set<String>
    let drafts: Set<String>
    let bodies: Set<String>
    let log: DiagnosticLog

    init(commitments: [Commitment], drafts: Set<String>, bodies: [GovernanceBody], log: DiagnosticLog) {
        self.commitments = Set(commitments.map(\.id))
        self.milestones = Set(commitments.flatMap { $0.milestones.map(\.id) })
        self.drafts = drafts
        self.bodies = Set(bodies.map(\.key))
        self.log = log
    }

    /// The front matter of a meeting or note, by path (a dictionary: a search per item was quadratic).
    private var fieldsByPath: [String: Fields] = [:]

    private mutating func fields(_ path: String, _ groups: [ContentKind: [DocumentGroup]], _ kind: ContentKind) -> Fields? {
        if fieldsByPath.isEmpty {
            for group in (groups[.meeting] ?? []) + (groups[.note] ?? []) {
                fieldsByPath[group.document.file.displayPath] = group.document.fields
            }
        }
        return fieldsByPath[path]
    }

    mutating func check(_ meeting: Meeting, groups: [ContentKind: [DocumentGroup]]) -> Meeting {
        let f = fields(meeting.origin.path, groups, .meeting)
        if !bodies.contains(meeting.bodyKey) {
            let known = bodies.sorted()
            var message = "body '\(meeting.bodyKey)' is not a key of bodies.yaml"
            if let near = Fields.nearest(meeting.bodyKey, in: known) { message += "; did you mean '\(near)'?" }
            else if !known.isEmpty { message += " (known: \(known.joined(separator: ", ")))" }
            log.error(f?.location(ofValue: "body") ?? SourceLocation(file: meeting.origin.path), message)
        }
        let (c, m) = resolve(meeting.commitmentIDs, meeting.milestoneIDs, f, path: meeting.origin.path)
        return Meeting(slug: meeting.slug, title: meeting.title, date: meeting.date, startTime: meeting.startTime,
                       endTime: meeting.endTime, bodyKey: meeting.bodyKey, type: meeting.type, status: meeting.status,
                       location: meeting.location, commitmentIDs: c, milestoneIDs: m, attendees: meeting.attendees,
                       decisions: meeting.decisions, actionItems: meeting.actionItems, documents: meeting.documents,
                       minutes: meeting.minutes, origin: meeting.origin)
    }

    mutating func check(_ note: Note, groups: [ContentKind: [DocumentGroup]]) -> Note {
        let f = fields(note.origin.path, groups, .note)
        let (c, m) = resolve(note.commitmentIDs, note.milestoneIDs, f, path: note.origin.path)
        return Note(slug: note.slug, title: note.title, date: note.date, summary: note.summary, authors: note.authors,
                    commitmentIDs: c, milestoneIDs: m, tags: note.tags, body: note.body, origin: note.origin)
    }

    private func resolve(_ commitmentIDs: [String], _ milestoneIDs: [String], _ f: Fields?, path: String)
        -> ([String], [String]) {
        let items = { (key: String) in f?.textList(key) ?? [] }
        let at = { (key: String, id: String) -> SourceLocation in
            items(key).first { $0.text == id }?.location ?? SourceLocation(file: path)
        }
        var keptCommitments: [String] = []
        for id in commitmentIDs {
            if commitments.contains(id) { keptCommitments.append(id); continue }
            if drafts.contains(id) {
                log.warning(at("commitments", id), "commitment '\(id)' is a draft: not linked")
            } else {
                var message = "unknown commitment '\(id)'"
                if let near = Fields.nearest(id, in: commitments.sorted()) { message += "; did you mean '\(near)'?" }
                log.error(at("commitments", id), message)
            }
        }
        var keptMilestones: [String] = []
        for id in milestoneIDs {
            if milestones.contains(id) { keptMilestones.append(id); continue }
            let owner = id.split(separator: "-").dropLast().joined(separator: "-")
            if drafts.contains(owner) {
                log.warning(at("milestones", id), "milestone '\(id)' belongs to a draft commitment: not linked")
            } else {
                var message = "unknown milestone '\(id)' (milestone ids are <commitment id>-<number>, e.g. KENMS0005-3)"
                if let near = Fields.nearest(id, in: milestones.sorted()) { message = "unknown milestone '\(id)'; did you mean '\(near)'?" }
                log.error(at("milestones", id), message)
            }
        }
        return (keptCommitments, keptMilestones)
    }
}
