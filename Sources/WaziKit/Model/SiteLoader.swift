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
        load(content: root, options: options, store: nil)
    }

    /// With a `store`, files it kept decoded are taken from it instead of being read and parsed;
    /// `listings`: the content folders as just listed (see `ContentTree.scan`).
    /// `leftovers`: takes what loading made and no longer needs, for a process about to exit not to
    /// free it piece by piece (see `BuildReport.held`). `decoded`: called once every file is decoded,
    /// when the rest is serial and a core is free for other work, with the site's languages (none
    /// when site.yaml could not be read).
    /// `scanned`: the tree and groups a session's last build found, taken again (see `ScannedContent`);
    /// receives this build's. `own`: receives what was reported of each milestone alone (see `KeptModel`).
    static func load(content root: String, options: LoadOptions, store: DecodedFileStore?,
                     listings: [String: [DirectoryListing.Entry]]? = nil, scanned: ScannedContent.Exchange? = nil,
                     leftovers: Leftovers? = nil, own: OwnDiagnostics? = nil,
                     decoded whenDecoded: (_ languages: [String]) -> Void = { _ in }) -> (site: Site?, diagnostics: [Diagnostic]) {
        let log = DiagnosticLog()
        let kept = scanned?.previous(root: root, listings: listings)
        let scanLog = DiagnosticLog(), groupLog = DiagnosticLog()
        let tree = kept?.tree ?? ContentTree.scan(root, log: scanLog, listings: listings)
        let scanDiagnostics = kept?.scanDiagnostics ?? scanLog.items
        log.append(contentsOf: scanDiagnostics)
        let config = SiteConfigDecoder.decode(tree, baseURLOverride: options.baseURL, log: log)
        let bodies = SiteConfigDecoder.decodeBodies(tree, log: log)
        let languages = config?.languages ?? ["en"]
        let files = Set(tree.files.map { "files/" + $0 })
        // What decoding depends on besides the files themselves.
        var context = Fingerprint()
        for part in [root, options.asOf.iso, languages.joined(separator: ","), Wazi.buildStamp] + files.sorted() { context.add(part) }
        let sameGroups = kept?.languages == languages ? kept : nil
        let groups = sameGroups?.groups ?? DocumentReader.groups(tree, languages: languages, log: groupLog)
        let groupDiagnostics = sameGroups?.groupDiagnostics ?? groupLog.items
        log.append(contentsOf: groupDiagnostics)
        if let scanned, let listings {
            scanned.kept = kept != nil
            scanned.next = ScannedContent(root: root, languages: languages, listings: listings, otherStamps: scanned.otherStamps,
                                          tree: tree, groups: groups, scanDiagnostics: scanDiagnostics,
                                          groupDiagnostics: groupDiagnostics)
        }
        store?.begin(context: context.value, count: groups.count)
        // Reading, composing YAML and decoding are most of the loading time: spread over the cores,
        // each file decoded as soon as it is read.
        // Each file with what decoding it reported.
        let read = parallelMap(Array(groups.indices), threads: options.threads) { index -> (DecodedFile?, [Diagnostic]) in
            let group = groups[index]
            if let (file, diagnostics) = store?.cached(group, at: index) { return (file, diagnostics) }
            let fileLog = DiagnosticLog()
            let file = DocumentReader.read(group, files: files, log: fileLog).map { DecodedFile($0, asOf: options.asOf) }
            if let file { store?.keep(group, at: index, file, diagnostics: fileLog.items) }
            return (file, fileLog.items)
        }
        store?.endReading()
        var decoded: [DecodedFile] = []
        decoded.reserveCapacity(read.count)
        for (file, diagnostics) in read {
            log.append(contentsOf: diagnostics)
            if let file { decoded.append(file) }
            if let own, !diagnostics.isEmpty, let file, file.file.kind == .milestone { own.byFile[file.file.displayPath] = diagnostics }
        }
        own?.groups = groups.count
        whenDecoded(config?.languages ?? [])
        // Sized at once: grown one file at a time, the table of 10,000 was rehashed a dozen times.
        var marks: [String: Marks] = .init(minimumCapacity: decoded.count)
        var meetings: [Meeting] = [], notes: [Note] = [], pages: [Page] = []
        for file in decoded {
            marks[file.file.displayPath] = file.marks
            switch file.entity {
            case let .meeting(meeting): meetings.append(meeting)
            case let .note(note): notes.append(note)
            case let .page(page): pages.append(page)
            default: break
            }
        }
        var commitments = assembleCommitments(decoded, log: log)
        meetings.sort { ($0.date, $0.slug) < ($1.date, $1.slug) }
        notes.sort { ($1.date, $0.slug) < ($0.date, $1.slug) }
        pages.sort { ($0.menu ?? Int.max, $0.slug) < ($1.menu ?? Int.max, $1.slug) }

        let drafts = Set(commitments.filter(\.draft).map(\.id))
        if !options.drafts { commitments.removeAll { $0.draft } }
        let checker = ReferenceChecker(commitments: commitments, drafts: drafts, bodies: bodies, marks: marks, log: log)
        let checkedMeetings = meetings.map { checker.check($0) }
        let checkedNotes = notes.map { checker.check($0) }
        checkUniqueSlugs(checkedMeetings.map { ($0.slug, $0.origin.path) }, what: "meeting", log: log)
        checkUniqueSlugs(pages.map { ($0.slug, $0.origin.path) }, what: "page", log: log)
        checkUniqueSlugs(checkedNotes.map { ($0.slug, $0.origin.path) }, what: "note", log: log)
        if let config {
            for (path, warnings) in warn(commitments, plan: config.actionPlan, asOf: options.asOf, marks: marks, log: log) {
                own?.byFile[path, default: []].append(contentsOf: warnings)
            }
        }

        leftovers?.keep([decoded, marks, checker, tree])
        let diagnostics = log.items.sorted()
        guard let config, !log.hasErrors else { return (nil, diagnostics) }
        let site = Site(config: config, asOf: options.asOf, commitments: commitments, bodies: bodies,
                        meetings: checkedMeetings, notes: checkedNotes, pages: pages, files: tree.files,
                        relations: Relations(commitments: commitments, meetings: checkedMeetings, notes: checkedNotes))
        return (site, diagnostics)
    }

    /// Commitments with their milestones attached by folder, ids and numbers unique.
    private static func assembleCommitments(_ decoded: [DecodedFile], log: DiagnosticLog) -> [Commitment] {
        // Commitments by folder, as places in `assembled`, with their milestones' numbers.
        var places: [String: Int] = [:]
        var assembled: [(commitment: Commitment, numbers: [Int: String])] = []
        var slugs: [String: String] = [:]
        let folders = Set(decoded.filter { $0.file.kind == .commitment }.compactMap(\.file.commitmentFolder))
        for file in decoded {
            guard case let .commitment(commitment) = file.entity, let folder = file.file.commitmentFolder else { continue }
            if let other = slugs[commitment.slug] {
                log.error(file.marks.value("id"), "duplicate commitment id '\(commitment.id)' (also in \(other))")
                continue
            }
            slugs[commitment.slug] = commitment.origin.path
            if let place = places[folder] {
                assembled[place] = (commitment, [:])
            } else {
                places[folder] = assembled.count
                assembled.append((commitment, [:]))
            }
        }
        // Files come folder by folder: the last folder's place is looked up once, not per milestone.
        var last: (folder: String, place: Int?)?
        for file in decoded where file.file.kind == .milestone {
            guard let folder = file.file.commitmentFolder else { continue }
            if last?.folder != folder { last = (folder, places[folder]) }
            guard let place = last?.place else {
                if !folders.contains(folder) {
                    log.error(SourceLocation(file: file.file.displayPath),
                              "milestone without a commitment: commitments/\(folder)/index.md does not exist")
                }
                continue
            }
            guard case let .milestone(milestone) = file.entity else { continue }
            if let other = assembled[place].numbers[milestone.number] {
                log.error(file.marks.value("number"),
                          "duplicate milestone number \(milestone.number) in \(milestone.commitmentID) (also in \(other))")
                continue
            }
            assembled[place].numbers[milestone.number] = file.file.displayPath
            assembled[place].commitment.milestones.append(milestone)
        }
        return assembled.map { entry in
            var sorted = entry.commitment
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
    /// Returns the milestones' own, by file (those a patched model replaces, see `KeptModel`).
    private static func warn(_ commitments: [Commitment], plan: ActionPlan, asOf: Day,
                             marks: [String: Marks], log: DiagnosticLog) -> [String: [Diagnostic]] {
        var own: [String: [Diagnostic]] = [:]
        for commitment in commitments {
            if commitment.end.last > plan.end.last {
                log.warning(marks[commitment.origin.path]?.value("end") ?? SourceLocation(file: commitment.origin.path),
                            "commitment ends \(commitment.end), after the action plan (\(plan.end))")
            }
            for milestone in commitment.milestones {
                let warnings = Self.warnings(milestone, plan: plan, asOf: asOf, marks: marks[milestone.origin.path])
                guard !warnings.isEmpty else { continue }
                log.append(contentsOf: warnings)
                own[milestone.origin.path] = warnings
            }
        }
        return own
    }

    /// A milestone's SPEC §2.3 warnings, at the places `marks` gives in its file.
    static func warnings(_ milestone: Milestone, plan: ActionPlan, asOf: Day, marks: Marks?) -> [Diagnostic] {
        let at = { (key: String) in marks?.value(key) ?? SourceLocation(file: milestone.origin.path) }
        var warnings: [Diagnostic] = []
        if milestone.status == .complete, !milestone.updates.contains(where: { !$0.evidence.isEmpty }) {
            warnings.append(Diagnostic(.warning, at("status"), "milestone \(milestone.id) is complete but no update gives evidence"))
        }
        if milestone.end.last > plan.end.last {
            warnings.append(Diagnostic(.warning, at("end"), "milestone \(milestone.id) ends \(milestone.end), after the action plan (\(plan.end))"))
        }
        let since = milestone.lastReported ?? milestone.start.first
        if milestone.status == .inProgress, asOf.days(since: since) > 180 {
            warnings.append(Diagnostic(.warning, at("status"),
                                       "milestone \(milestone.id) is in progress with no update for \(asOf.days(since: since)) days (more than 180)"))
        }
        return warnings
    }
}

/// Checks what meetings and notes refer to; references to drafts are warned about and dropped.
struct ReferenceChecker {
    let commitments: Set<String>
    let milestones: Set<String>
    let drafts: Set<String>
    let bodies: Set<String>
    let log: DiagnosticLog

    /// Where each file's keys are, by path.
    let marks: [String: Marks]

    init(commitments: [Commitment], drafts: Set<String>, bodies: [GovernanceBody], marks: [String: Marks], log: DiagnosticLog) {
        self.commitments = Set(commitments.map(\.id))
        self.milestones = Set(commitments.flatMap { $0.milestones.map(\.id) })
        self.drafts = drafts
        self.bodies = Set(bodies.map(\.key))
        self.marks = marks
        self.log = log
    }

    func check(_ meeting: Meeting) -> Meeting {
        let at = marks[meeting.origin.path] ?? Marks.none(meeting.origin.path)
        if !bodies.contains(meeting.bodyKey) {
            let known = bodies.sorted()
            var message = "body '\(meeting.bodyKey)' is not a key of bodies.yaml"
            if let near = Fields.nearest(meeting.bodyKey, in: known) { message += "; did you mean '\(near)'?" }
            else if !known.isEmpty { message += " (known: \(known.joined(separator: ", ")))" }
            log.error(at.value("body"), message)
        }
        let (c, m) = resolve(meeting.commitmentIDs, meeting.milestoneIDs, at)
        return Meeting(slug: meeting.slug, title: meeting.title, date: meeting.date, startTime: meeting.startTime,
                       endTime: meeting.endTime, bodyKey: meeting.bodyKey, type: meeting.type, status: meeting.status,
                       location: meeting.location, commitmentIDs: c, milestoneIDs: m, attendees: meeting.attendees,
                       decisions: meeting.decisions, actionItems: meeting.actionItems, documents: meeting.documents,
                       minutes: meeting.minutes, origin: meeting.origin)
    }

    func check(_ note: Note) -> Note {
        let (c, m) = resolve(note.commitmentIDs, note.milestoneIDs, marks[note.origin.path] ?? Marks.none(note.origin.path))
        return Note(slug: note.slug, title: note.title, date: note.date, summary: note.summary, authors: note.authors,
                    commitmentIDs: c, milestoneIDs: m, tags: note.tags, body: note.body, origin: note.origin)
    }

    private func resolve(_ commitmentIDs: [String], _ milestoneIDs: [String], _ marks: Marks) -> ([String], [String]) {
        let at = marks.item
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

/// What a stage made and no longer needs, kept for a process about to exit (see `BuildReport.held`).
final class Leftovers: @unchecked Sendable {
    private var values: [Any] = []
    private let lock = NSLock()

    func keep(_ value: Any) {
        lock.withLock { values.append(value) }
    }
}
