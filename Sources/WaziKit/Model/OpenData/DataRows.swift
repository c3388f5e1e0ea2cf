/// The rows of each open-data table, computed from the model, in a stable order.
extension Site {
    /// The absolute URL of a page in the default language.
    public func absoluteURL(_ route: String) -> String { config.baseURL + route }

    /// The text of a front-matter link as published: absolute for site files.
    public func absoluteURL(_ link: Link) -> String {
        switch link {
        case let .external(url): return url
        case let .sitePath(path): return config.baseURL + path
        }
    }

    public func rows(_ table: DataTable) -> [DataRow] {
        switch table.name {
        case "commitments": return commitments.map(row)
        case "milestones": return milestones.map(row)
        case "milestone_updates": return milestones.flatMap(updateRows)
        case "meetings": return meetings.map(row)
        case "action_items": return meetings.flatMap(actionItemRows)
        case "notes": return notes.map(row)
        default: return []
        }
    }

    /// Each item of a table, in the order of `rows(table)`: its key, and the fingerprint of the
    /// files its rows show (besides what every page depends on), so the build cache can keep an
    /// item's rows while they are unchanged; nil for a table it does not know. Its rows are
    /// `tableRows(table, item:)`.
    func tableItems(_ table: DataTable) -> [(key: String, print: UInt64)]? {
        func print(_ origins: Origin...) -> UInt64 { Origin.fingerprint(origins) }
        switch table.name {
        case "commitments":
            // A commitment's row counts its milestones by status and overdue.
            return commitments.map { c in (c.id, Origin.fingerprint([c.origin] + c.milestones.map(\.origin))) }
        case "milestones":
            // A milestone without a lead shows its commitment's.
            return commitments.flatMap { c in c.milestones.map { m in (m.id, print(m.origin, c.origin)) } }
        case "milestone_updates": return milestones.map { m in (m.id, print(m.origin)) }
        case "meetings", "action_items": return meetings.map { m in (m.slug, print(m.origin)) }
        case "notes": return notes.map { n in (n.slug, print(n.origin)) }
        default: return nil
        }
    }

    /// The rows of the `index`th item of `tableItems(table)`.
    func tableRows(_ table: DataTable, item index: Int) -> [DataRow] {
        switch table.name {
        case "commitments": return [row(commitments[index])]
        case "milestones": return [row(milestones[index])]
        case "milestone_updates": return updateRows(milestones[index])
        case "meetings": return [row(meetings[index])]
        case "action_items": return actionItemRows(meetings[index])
        case "notes": return [row(notes[index])]
        default: return []
        }
    }

    public func row(_ c: Commitment) -> DataRow {
        let progress = c.progress
        return [
            "id": .text(c.id), "title": .text(c.title.base), "short_title": .optional(c.shortTitle?.base),
            "member": .text(c.member ?? config.member), "action_plan_id": .text(config.actionPlan.id),
            "start": .text(c.start.iso), "start_date": .date(c.start.first), "end": .text(c.end.iso),
            "end_date": .date(c.end.last), "lead_institution": .optional(c.lead), "institutions": .list(c.institutions),
            "policy_area": .optional(c.policyArea), "sectors": .list(c.sectors),
            "ogp_values": .list(c.ogpValues.map(\.rawValue)), "initial_report": .optional(c.initialReport.map(absoluteURL)),
            "ogp_url": .optional(c.ogpURL.map(absoluteURL)), "irm_assessed": .optional(c.irm?.assessed),
            "irm_completion": .optional(c.irm?.completion?.rawValue),
            "irm_did_it_open_government": .optional(c.irm?.didItOpenGovernment?.rawValue),
            "irm_potential_results": .optional(c.irm?.potentialResults?.rawValue),
            "milestones_total": .integer(progress.total), "milestones_not_started": .integer(progress.count(.notStarted)),
            "milestones_in_progress": .integer(progress.count(.inProgress)), "milestones_stuck": .integer(progress.count(.stuck)),
            "milestones_complete": .integer(progress.count(.complete)),
            "share_complete": progress.shareComplete.map(DataValue.number) ?? .null,
            "milestones_overdue": .integer(c.milestones.filter { $0.isOverdue(asOf: asOf) }.count),
            "url": .text(absoluteURL(Routes.commitment(c.id))),
        ]
    }

    public func row(_ m: Milestone) -> DataRow {
        [
            "id": .text(m.id), "commitment_id": .text(m.commitmentID), "number": .integer(m.number),
            "title": .text(m.title.base), "start": .text(m.start.iso), "start_date": .date(m.start.first),
            "end": .text(m.end.iso), "end_date": .date(m.end.last), "status": .text(m.status.rawValue),
            "lead_institution": .optional(lead(of: m)), "overdue": .boolean(m.isOverdue(asOf: asOf)),
            "last_reported": .optional(m.lastReported), "updates_total": .integer(m.updates.count),
            "url": .text(absoluteURL(Routes.milestone(m))),
        ]
    }

    public func updateRows(_ m: Milestone) -> [DataRow] {
        m.updates.enumerated().map { index, update in
            [
                "milestone_id": .text(m.id), "sequence": .integer(index + 1), "date": .date(update.date),
                "status": .text(update.status.rawValue), "summary": .text(update.summary),
                "evidence": .list(update.evidence.map(absoluteURL)),
            ]
        }
    }

    public func row(_ m: Meeting) -> DataRow {
        let bySector = Dictionary(uniqueKeysWithValues: m.attendanceBySector.map { ($0.sector, $0.count) })
        return [
            "slug": .text(m.slug), "title": .text(m.title.base), "date": .date(m.date),
            "start_time": .optional(m.startTime?.description), "end_time": .optional(m.endTime?.description),
            "timezone": .text(config.timezone), "body": .text(m.bodyKey), "body_name": .text(body(m.bodyKey)?.name ?? m.bodyKey),
            "type": .text(m.type.rawValue), "status": .text(m.status.rawValue), "location": .optional(m.location),
            "commitments": .list(m.commitmentIDs), "milestones": .list(m.milestoneIDs),
            "attendees_total": .integer(m.attendees.count),
            "attendees_government": .integer(bySector[.government] ?? 0),
            "attendees_civil_society": .integer(bySector[.civilSociety] ?? 0),
            "attendees_private_sector": .integer(bySector[.privateSector] ?? 0),
            "attendees_development_partner": .integer(bySector[.developmentPartner] ?? 0),
            "attendees_other": .integer(bySector[.other] ?? 0),
            "government_share": m.governmentShare.map(DataValue.number) ?? .null,
            "decisions_total": .integer(m.decisions.count), "action_items_total": .integer(m.actionItems.count),
            "action_items_open": .integer(m.openActionItems.count),
            "action_items_overdue": .integer(m.overdueActionItems(asOf: asOf).count),
            "documents_total": .integer(m.documents.count), "url": .text(absoluteURL(Routes.meeting(m.slug))),
        ]
    }

    public func actionItemRows(_ m: Meeting) -> [DataRow] {
        let overdue = Set(m.overdueActionItems(asOf: asOf))
        return m.actionItems.enumerated().map { index, item in
            [
                "meeting_slug": .text(m.slug), "sequence": .integer(index + 1), "text": .text(item.text),
                "owner": .text(item.owner), "due": .optional(item.due), "status": .text(item.status.rawValue),
                "overdue": .boolean(overdue.contains(item)),
            ]
        }
    }

    public func row(_ n: Note) -> DataRow {
        [
            "slug": .text(n.slug), "title": .text(n.title.base), "date": .date(n.date), "summary": .optional(n.summary?.base),
            "authors": .list(n.authors), "commitments": .list(n.commitmentIDs), "milestones": .list(n.milestoneIDs),
            "tags": .list(n.tags), "url": .text(absoluteURL(Routes.note(n.slug))),
        ]
    }
}
