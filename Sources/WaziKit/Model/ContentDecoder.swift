import Foundation

/// Decodes each kind of content file into its validated domain type.
enum ContentDecoder {
    static func keys(_ kind: ContentKind) -> [String] {
        switch kind {
        case .commitment:
            return ["id", "title", "short_title", "start", "end", "institutions", "policy_area", "sectors",
                    "ogp_values", "initial_report", "ogp_url", "irm", "draft", "member"]
        case .milestone: return ["number", "title", "start", "end", "status", "lead", "updates"]
        case .meeting:
            return ["title", "date", "start_time", "end_time", "body", "type", "status", "location", "commitments",
                    "milestones", "attendees", "decisions", "action_items", "documents"]
        case .note: return ["title", "date", "summary", "authors", "commitments", "milestones", "tags"]
        case .page: return ["title", "menu"]
        }
    }

    static func commitment(_ group: DocumentGroup) -> Commitment? {
        let f = group.document.fields
        f.rejectUnknownKeys(allowed: keys(.commitment))
        let id = f.text("id", required: true)
        if let id, id.range(of: "^[A-Z0-9][A-Z0-9-]*$", options: .regularExpression) == nil {
            f.log.error(f.location(ofValue: "id"), "id '\(id)' must be upper-case letters, digits and hyphens, e.g. KENMS0005")
        } else if let id, let folder = group.document.file.commitmentFolder, folder != id {
            f.log.error(f.location(ofValue: "id"), "id '\(id)' does not match its folder commitments/\(folder)/")
        }
        let title = f.text("title", required: true)
        let (start, end) = span(f)
        let institutions = f.textList("institutions").map(\.text)
        if institutions.isEmpty {
            if f.has("institutions") {
                f.log.error(f.location(of: "institutions"), "institutions must list at least the lead institution")
            } else {
                f.log.error(f.location(of: "institutions"), "missing required key 'institutions' in commitment front matter")
            }
        }
        let irm = f.map("irm", subject: "irm").flatMap { irm -> IRMAssessment? in
            irm.rejectUnknownKeys(allowed: ["assessed", "completion", "did_it_open_government", "potential_results"])
            guard let assessed = irm.day("assessed", required: true) else { return nil }
            return IRMAssessment(assessed: assessed, completion: irm.code("completion", as: IRMCompletion.self),
                                 didItOpenGovernment: irm.code("did_it_open_government", as: IRMOpenGovernment.self),
                                 potentialResults: irm.code("potential_results", as: IRMPotential.self))
        }
        let commitment = Commitment(
            id: id ?? "", title: group.localized("title", title ?? ""),
            shortTitle: f.text("short_title").map { group.localized("short_title", $0) },
            start: start ?? PlanDate(day: Day(julianDay: 0)), end: end ?? PlanDate(day: Day(julianDay: 0)),
            institutions: institutions, policyArea: f.text("policy_area"), sectors: f.textList("sectors").map(\.text),
            ogpValues: f.codeList("ogp_values", as: OGPValue.self), initialReport: f.link("initial_report"),
            ogpURL: f.link("ogp_url"), irm: irm, draft: f.bool("draft") ?? false, member: f.text("member"),
            description: group.bodySource(), origin: group.origin, milestones: [])
        guard id != nil, title != nil, start != nil, end != nil, !institutions.isEmpty else { return nil }
        return commitment
    }

    static func milestone(_ group: DocumentGroup, commitmentID: String) -> Milestone? {
        let f = group.document.fields
        f.rejectUnknownKeys(allowed: keys(.milestone))
        let stem = group.document.file.stem
        let number = f.integer("number", required: true)
        let prefix = stem.prefix { $0.isNumber }
        var slug = String(stem.dropFirst(prefix.count))
        if slug.hasPrefix("-") { slug.removeFirst() }
        if let number {
            if number < 1 {
                f.log.error(f.location(ofValue: "number"), "number must be 1 or more, not \(number)")
            } else if Int(prefix) != number {
                f.log.error(f.location(ofValue: "number"),
                            "number \(number) does not match the file name \(stem).md (expected \(number)-<slug>.md)")
            }
        }
        if !slug.isEmpty && !isSafeSegment(slug) {
            f.log.error(SourceLocation(file: group.document.file.displayPath), "file name '\(stem).md' must use letters, digits and hyphens")
        }
        let title = f.text("title", required: true)
        let (start, end) = span(f)
        let status = f.code("status", as: MilestoneStatus.self, required: true)
        let updates = f.mapList("updates", subject: "update").compactMap { u -> StatusUpdate? in
            u.rejectUnknownKeys(allowed: ["date", "status", "summary", "evidence"])
            let date = u.day("date", required: true)
            let status = u.code("status", as: MilestoneStatus.self, required: true)
            let summary = u.text("summary", required: true)
            let evidence = u.textList("evidence").compactMap { u.checkLink($0.text, at: $0.location, key: "evidence") }
            guard let date, let status, let summary else { return nil }
            return StatusUpdate(date: date, status: status, summary: summary, evidence: evidence)
        }
        guard let number, let title, let start, let end, let status else { return nil }
        let milestone = Milestone(
            commitmentID: commitmentID, number: number, fileSlug: slug, title: group.localized("title", title),
            start: start, end: end, status: status, lead: f.text("lead"), updates: updates,
            description: group.bodySource(), origin: group.origin)
        if let latest = milestone.latestUpdate, latest.status != status {
            f.log.error(f.location(ofValue: "status"),
                        "status '\(status.rawValue)' disagrees with the latest update (\(latest.date)): '\(latest.status.rawValue)'")
        }
        return milestone
    }

    static func meeting(_ group: DocumentGroup, asOf: Day) -> Meeting? {
        let f = group.document.fields
        f.rejectUnknownKeys(allowed: keys(.meeting))
        let slug = group.document.file.stem
        let title = f.text("title", required: true)
        let date = f.day("date", required: true)
        if let date, !slug.hasPrefix(date.iso) {
            f.log.error(f.location(ofValue: "date"), "date \(date) does not match the file name \(slug).md (expected \(date)-<slug>.md)")
        }
        if !isSafeSegment(slug) {
            f.log.error(SourceLocation(file: group.document.file.displayPath), "file name '\(slug).md' must use letters, digits and hyphens")
        }
        let startTime = f.time("start_time"), endTime = f.time("end_time")
        if let startTime, let endTime, endTime <= startTime {
            f.log.error(f.location(ofValue: "end_time"), "end_time \(endTime) is not after start_time \(startTime)")
        }
        if endTime != nil && startTime == nil {
            f.log.error(f.location(of: "end_time"), "end_time needs a start_time")
        }
        let body = f.text("body", required: true)
        let attendees = f.mapList("attendees", subject: "attendee").compactMap { a -> Attendee? in
            a.rejectUnknownKeys(allowed: ["name", "organisation", "sector"])
            let organisation = a.text("organisation", required: true)
            let sector = a.code("sector", as: Sector.self, required: true)
            guard let organisation, let sector else { return nil }
            return Attendee(name: a.text("name"), organisation: organisation, sector: sector)
        }
        let items = f.mapList("action_items", subject: "action item").compactMap { a -> ActionItem? in
            a.rejectUnknownKeys(allowed: ["text", "owner", "due", "status"])
            let text = a.text("text", required: true), owner = a.text("owner", required: true)
            let due = a.day("due"), status = a.code("status", as: ActionItemStatus.self, required: true)
            guard let text, let owner, let status else { return nil }
            return ActionItem(text: text, owner: owner, due: due, status: status)
        }
        let documents = f.mapList("documents", subject: "document").compactMap { d -> MeetingDocument? in
            d.rejectUnknownKeys(allowed: ["title", "url"])
            let title = d.text("title", required: true), url = d.link("url", required: true)
            guard let title, let url else { return nil }
            return MeetingDocument(title: title, url: url)
        }
        let type = f.code("type", as: MeetingType.self) ?? .meeting
        let written = f.code("status", as: MeetingStatus.self)
        guard let title, let date, let body else { return nil }
        return Meeting(
            slug: slug, title: group.localized("title", title), date: date, startTime: startTime, endTime: endTime,
            bodyKey: body, type: type, status: written ?? (date < asOf ? .held : .scheduled),
            location: f.text("location"), commitmentIDs: f.textList("commitments").map(\.text),
            milestoneIDs: f.textList("milestones").map(\.text), attendees: attendees,
            decisions: f.textList("decisions").map(\.text), actionItems: items, documents: documents,
            minutes: group.bodySource(), origin: group.origin)
    }

    static func note(_ group: DocumentGroup) -> Note? {
        let f = group.document.fields
        f.rejectUnknownKeys(allowed: keys(.note))
        let slug = group.document.file.stem
        if !isSafeSegment(slug) {
            f.log.error(SourceLocation(file: group.document.file.displayPath), "file name '\(slug).md' must use letters, digits and hyphens")
        }
        let title = f.text("title", required: true)
        let date = f.day("date", required: true)
        guard let title, let date else { return nil }
        return Note(slug: slug, title: group.localized("title", title), date: date,
                    summary: f.text("summary").map { group.localized("summary", $0) },
                    authors: f.textList("authors").map(\.text), commitmentIDs: f.textList("commitments").map(\.text),
                    milestoneIDs: f.textList("milestones").map(\.text), tags: f.textList("tags").map(\.text),
                    body: group.bodySource(), origin: group.origin)
    }

    static func page(_ group: DocumentGroup) -> Page? {
        let f = group.document.fields
        f.rejectUnknownKeys(allowed: keys(.page))
        let slug = group.document.file.stem
        if !isSafeSegment(slug) {
            f.log.error(SourceLocation(file: group.document.file.displayPath), "file name '\(slug).md' must use letters, digits and hyphens")
        }
        guard let title = f.text("title", required: true) else { return nil }
        return Page(slug: slug, title: group.localized("title", title), menu: f.integer("menu"),
                    body: group.bodySource(), origin: group.origin)
    }

    /// `start` and `end`, checking that the end does not precede the start.
    private static func span(_ f: Fields) -> (PlanDate?, PlanDate?) {
        let start = f.planDate("start", required: true)
        let end = f.planDate("end", required: true)
        if let start, let end, end.last < start.first {
            f.log.error(f.location(ofValue: "end"), "end \(end) is before start \(start)")
        }
        return (start, end)
    }

    /// A file or folder name that is safe as one URL segment: no separators, no dot segments.
    static func isSafeSegment(_ s: String) -> Bool {
        // On bytes: every allowed character is one ASCII byte, and asking a Character for its Unicode
        // properties cost tens of thousands of instructions per name.
        var bytes = s.utf8.makeIterator()
        guard let first = bytes.next(), isASCIILetterOrDigit(first) else { return false }
        while let byte = bytes.next() {
            guard isASCIILetterOrDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") else { return false }
        }
        return true
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }
}
