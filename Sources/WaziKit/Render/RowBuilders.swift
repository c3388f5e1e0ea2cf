import Foundation

/// Turns model values into view-model rows for one page.
extension PageContext {
    func badge(_ status: MilestoneStatus) -> Badge {
        let icons: [MilestoneStatus: String] = [.notStarted: "○", .inProgress: "◐", .stuck: "■", .complete: "✓"]
        return Badge(code: status.rawValue, label: t("status_\(status.rawValue)"), icon: icons[status] ?? "")
    }

    func badge(_ status: MeetingStatus) -> Badge {
        let icons: [MeetingStatus: String] = [.scheduled: "◷", .held: "✓", .cancelled: "✕"]
        return Badge(code: status.rawValue, label: t("meeting_status_\(status.rawValue)"), icon: icons[status] ?? "")
    }

    func date(_ day: Day) -> String { t.strings.date(day) }
    func date(_ date: PlanDate) -> String { t.strings.date(date) }

    func title(_ localized: Localized) -> String { localized.text(language) }

    /// Whether `localized` is shown in the default language on this page (no translation): a fallback fragment.
    func isFallback(_ localized: Localized?) -> Bool {
        guard let localized, language != site.config.defaultLanguage else { return false }
        return !localized.isTranslated(into: language)
    }

    func progress(_ progress: Progress) -> ProgressView {
        let percent = progress.shareComplete.map { Int(($0 * 100).rounded()) } ?? 0
        // Cumulative rounding, so the segments always add up to exactly 100.
        var done = 0
        let segments = MilestoneStatus.allCases.map { status -> ProgressSegment in
            let count = progress.count(status)
            let offset = progress.total == 0 ? 0 : Int((Double(done) * 100 / Double(progress.total)).rounded())
            done += count
            let next = progress.total == 0 ? 0 : Int((Double(done) * 100 / Double(progress.total)).rounded())
            return ProgressSegment(code: status.rawValue, label: t("status_\(status.rawValue)"), count: count,
                                   percent: next - offset, offset: offset)
        }
        let summary = progress.total == 0
            ? t("progress_none")
            : t("progress_summary", ["complete": String(progress.count(.complete)), "total": String(progress.total),
                                     "percent": String(percent)])
        return ProgressView(total: progress.total, hasMilestones: progress.total > 0, summary: summary,
                            percent: percent, segments: segments)
    }

    func row(_ milestone: Milestone) -> MilestoneRow {
        let commitment = site.commitment(milestone.commitmentID)
        return MilestoneRow(
            id: milestone.id, number: milestone.number, title: title(milestone.title), href: hrefMarkup(Routes.milestone(milestone)),
            start: date(milestone.start), end: date(milestone.end), status: badge(milestone.status),
            overdue: milestone.isOverdue(asOf: site.asOf),
            lastReported: milestone.lastReported.map { date($0) } ?? t("not_yet_reported"),
            titleFallback: isFallback(milestone.title),
            commitmentTitle: commitment.map { $0.navigationTitle(language) } ?? milestone.commitmentID,
            commitmentHref: hrefMarkup(Routes.commitment(milestone.commitmentID)), sourceLang: site.config.defaultLanguage)
    }

    /// A row through its own partial, rendered once per build and language whatever the number of
    /// lists it is on and their depths (see `Fragments`); `key` names the item.
    /// `shows` are the items the row shows (their files' fingerprints): the row is kept for the next
    /// build, which reuses it while they are unchanged.
    private func sharedRow(_ template: String, key: String, shows: [Origin],
                           _ model: (PageContext) -> any Encodable) -> RenderedRow {
        RenderedRow(html: fragments.render(template, key: key, language: language, root: root,
                                           fingerprint: Origin.fingerprint(shows)) { model(relocatable) })
    }

    /// A milestone's row of the milestone tables (`partials/milestone-row`): it shows its commitment's title.
    func milestoneRow(_ milestone: Milestone) -> RenderedRow {
        let commitment = site.commitment(milestone.commitmentID)
        return sharedRow("partials/milestone-row", key: milestone.id, shows: [milestone.origin] + (commitment.map { [$0.origin] } ?? [])) {
            $0.row(milestone)
        }
    }

    func row(_ commitment: Commitment) -> CommitmentRow {
        let overdue = commitment.milestones.filter { $0.isOverdue(asOf: site.asOf) }.count
        return CommitmentRow(
            id: commitment.id, title: commitment.navigationTitle(language),
            titleFallback: isFallback(commitment.shortTitle ?? commitment.title), href: hrefMarkup(Routes.commitment(commitment.id)),
            lead: commitment.lead ?? "", period: "\(date(commitment.start)) – \(date(commitment.end))",
            progress: progress(commitment.progress), overdueCount: overdue, hasOverdue: overdue > 0,
            overdueText: t.count("overdue_count", overdue), sourceLang: site.config.defaultLanguage)
    }

    /// Commitments as rows of `partials/commitment-table`, each rendered once (`partials/commitment-row`).
    func commitmentRows(_ commitments: [Commitment]) -> [RenderedRow] {
        // A commitment's row shows its milestones' progress.
        commitments.map { commitment in
            sharedRow("partials/commitment-row", key: commitment.id, shows: [commitment.origin] + commitment.milestones.map(\.origin)) {
                $0.row(commitment)
            }
        }
    }

    func row(_ meeting: Meeting) -> MeetingRow {
        MeetingRow(title: title(meeting.title), titleFallback: isFallback(meeting.title),
                   href: hrefMarkup(Routes.meeting(meeting.slug)), date: date(meeting.date),
                   isoDate: meeting.date.iso, bodyName: site.body(meeting.bodyKey)?.name ?? meeting.bodyKey,
                   type: t("meeting_type_\(meeting.type.rawValue)"), status: badge(meeting.status),
                   sourceLang: site.config.defaultLanguage)
    }

    func row(_ note: Note) -> NoteRow {
        NoteRow(title: title(note.title), titleFallback: isFallback(note.title), href: hrefMarkup(Routes.note(note.slug)),
                date: date(note.date), isoDate: note.date.iso, summary: note.summary.map(title) ?? "",
                summaryFallback: isFallback(note.summary), hasSummary: note.summary != nil,
                sourceLang: site.config.defaultLanguage)
    }

    func row(_ update: StatusUpdate, of milestone: Milestone) -> UpdateRow {
        let evidence = update.evidence.enumerated().map { index, link in
            LinkItem(label: evidenceLabel(link, index: index), href: href(link))
        }
        return UpdateRow(date: date(update.date), isoDate: update.date.iso, status: badge(update.status),
                         summary: update.summary, evidence: evidence, hasEvidence: !evidence.isEmpty,
                         milestoneTitle: "\(milestone.id) · \(title(milestone.title))",
                         milestoneTitleFallback: isFallback(milestone.title),
                         milestoneHref: href(Routes.milestone(milestone)))
    }

    /// A readable name for an evidence link: its file name, else its host.
    func evidenceLabel(_ link: Link, index: Int) -> String {
        switch link {
        // Split on UTF-8 bytes: the separators are ASCII, and Character-wise splitting is slow.
        case let .sitePath(path): return path.utf8.split(separator: UInt8(ascii: "/")).last.map { String(decoding: $0, as: UTF8.self) } ?? path
        case let .external(url):
            let trimmed = url.utf8.split(separator: UInt8(ascii: "?")).first ?? url.utf8[...]
            let parts = trimmed.split(separator: UInt8(ascii: "/"))
            if parts.count > 2, let last = parts.last { return String(decoding: last, as: UTF8.self) }
            return t("evidence_link", ["n": String(index + 1)])
        }
    }

    /// Meetings as rows of `partials/meeting-list`, each rendered once (`partials/meeting-row`).
    func links(_ items: [Meeting]) -> [RenderedRow] {
        items.map { meeting in sharedRow("partials/meeting-row", key: meeting.slug, shows: [meeting.origin]) { $0.row(meeting) } }
    }

    /// Notes as rows of `partials/note-list`, each rendered once (`partials/note-row`).
    func links(_ items: [Note]) -> [RenderedRow] {
        items.map { note in sharedRow("partials/note-row", key: note.slug, shows: [note.origin]) { $0.row(note) } }
    }

    /// Renders a Markdown body in the page's language (or the default's, when not translated).
    func markdown(_ text: MarkdownSource) -> RenderedBody {
        RenderedBody.render(utf8: text.textUTF8(language, log: problems), allowHTML: site.config.allowHTML, root: root)
    }

    func fact(_ label: String, _ value: String, href: String = "") -> Fact {
        Fact(label: t(label), values: [FactValue(text: value, href: href, isLink: !href.isEmpty)], isList: false)
    }

    func fact(_ label: String, list: [String], hrefs: [String: String] = [:]) -> Fact {
        let values = list.map { FactValue(text: $0, href: hrefs[$0] ?? "", isLink: hrefs[$0] != nil) }
        return Fact(label: t(label), values: values, isList: values.count > 1)
    }
}

extension PageContext {
    /// Links from institution names to their pages.
    func institutionLinks(_ names: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for name in names {
            if let slug = institutionSlugs[name] { out[name] = href(Routes.institution(slug)) }
        }
        return out
    }
}
