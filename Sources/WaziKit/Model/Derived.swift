/// Facts derived from the content, never written by hand (SPEC §2.3–2.5).

extension Milestone {
    /// The update with the latest date (the last listed on a tie).
    public var latestUpdate: StatusUpdate? {
        updates.enumerated().max { a, b in (a.element.date, a.offset) < (b.element.date, b.offset) }?.element
    }

    /// Date of the latest update; nil means "not yet reported", which is not "not started".
    public var lastReported: Day? { latestUpdate?.date }

    /// Past its end on the as-of date and not complete.
    public func isOverdue(asOf: Day) -> Bool { status != .complete && end.last < asOf }

    /// Updates newest first, for timelines.
    public var timeline: [StatusUpdate] {
        updates.enumerated().sorted { a, b in (a.element.date, a.offset) > (b.element.date, b.offset) }.map(\.element)
    }
}

/// A commitment's progress: milestones per status and the share complete.
public struct Progress: Hashable, Sendable {
    public let counts: [MilestoneStatus: Int]
    public let total: Int

    public init(_ milestones: [Milestone]) {
        var counts: [MilestoneStatus: Int] = [:]
        for status in MilestoneStatus.allCases { counts[status] = 0 }
        for milestone in milestones { counts[milestone.status, default: 0] += 1 }
        self.counts = counts
        total = milestones.count
    }

    public func count(_ status: MilestoneStatus) -> Int { counts[status] ?? 0 }

    /// Complete ÷ total; nil (not 0) when there are no milestones.
    public var shareComplete: Double? {
        total == 0 ? nil : Double(count(.complete)) / Double(total)
    }
}

extension Commitment {
    public var progress: Progress { Progress(milestones) }
}

extension Meeting {
    /// Attendees per sector, in the order of `Sector.allCases`.
    public var attendanceBySector: [(sector: Sector, count: Int)] {
        Sector.allCases.map { sector in (sector, attendees.filter { $0.sector == sector }.count) }
    }

    public var governmentAttendees: Int { attendees.filter { $0.sector == .government }.count }
    public var nonGovernmentAttendees: Int { attendees.count - governmentAttendees }

    /// Government's share of attendance; nil without attendees. OGP forums aim for parity.
    public var governmentShare: Double? {
        attendees.isEmpty ? nil : Double(governmentAttendees) / Double(attendees.count)
    }

    /// Open action items past their due date.
    public func overdueActionItems(asOf: Day) -> [ActionItem] {
        actionItems.filter { $0.status == .open && ($0.due.map { $0 < asOf } ?? false) }
    }

    public var openActionItems: [ActionItem] { actionItems.filter { $0.status == .open } }
}

/// One period of a body's cadence: meetings expected (one) against meetings held.
public struct CadencePeriod: Hashable, Sendable {
    public let start: Day
    public let end: Day
    /// `2025-H2`, `2026-Q1`, `2026-03`.
    public let label: String
    public let expected: Int
    public let held: Int
    /// The period has not ended on the as-of date.
    public let current: Bool

    public var met: Bool { held >= expected }
}

extension Site {
    /// A body's periods from the plan's start to the as-of date (or the plan's end, if earlier).
    public func cadence(of body: GovernanceBody) -> [CadencePeriod] {
        guard let cadence = body.cadence else { return [] }
        let planStart = config.actionPlan.start.first
        let limit = min(asOf, config.actionPlan.end.last)
        let step = cadence.monthsPerPeriod
        // Periods align to the calendar (H1/H2, quarters, months).
        var year = planStart.year
        var month = ((planStart.month - 1) / step) * step + 1
        var periods: [CadencePeriod] = []
        let held = meetings.filter { $0.bodyKey == body.key && $0.status == .held }
        while let start = Day(year: year, month: month, day: 1), start <= limit {
            var endMonth = month + step - 1
            var endYear = year
            if endMonth > 12 { endMonth -= 12; endYear += 1 }
            let end = Day(year: endYear, month: endMonth, day: Day.daysIn(month: endMonth, year: endYear)) ?? start
            let count = held.filter { $0.date >= start && $0.date <= end }.count
            let label: String
            switch cadence {
            case .biannual: label = "\(year)-H\(month <= 6 ? 1 : 2)"
            case .quarterly: label = "\(year)-Q\((month - 1) / 3 + 1)"
            case .monthly: label = String(start.iso.prefix(7))
            }
            periods.append(CadencePeriod(start: start, end: end, label: label, expected: 1, held: count, current: end >= asOf))
            month += step
            if month > 12 { month -= 12; year += 1 }
        }
        return periods
    }

    public func commitment(_ id: String) -> Commitment? {
        relations.commitmentIndex[id].map { commitments[$0] }
    }

    public func milestone(_ id: String) -> Milestone? {
        guard let (c, m) = relations.milestoneIndex[id] else { return nil }
        return commitments[c].milestones[m]
    }

    public func body(_ key: String) -> GovernanceBody? { bodies.first { $0.key == key } }

    /// The milestone's lead: its own, else the commitment's lead institution.
    public func lead(of milestone: Milestone) -> String? {
        milestone.lead ?? relations.commitmentIndex[milestone.commitmentID].flatMap { commitments[$0].lead }
    }

    /// The OGP values of the milestone's commitment. Read where the commitment is stored, as `lead(of:)`
    /// is: through `commitment(_:)`, each milestone of a table or list copied its whole commitment.
    public func ogpValues(of milestone: Milestone) -> [OGPValue] {
        relations.commitmentIndex[milestone.commitmentID].map { commitments[$0].ogpValues } ?? []
    }

    public func meetings(forCommitment id: String) -> [Meeting] {
        (relations.meetingsByCommitment[id] ?? []).map { meetings[$0] }
    }

    public func meetings(forMilestone id: String) -> [Meeting] {
        (relations.meetingsByMilestone[id] ?? []).map { meetings[$0] }
    }

    public func notes(forCommitment id: String) -> [Note] {
        (relations.notesByCommitment[id] ?? []).map { notes[$0] }
    }

    public func notes(forMilestone id: String) -> [Note] {
        (relations.notesByMilestone[id] ?? []).map { notes[$0] }
    }

}

/// Indexes from ids to positions, built once when the site is assembled.
public struct Relations: Sendable {
    public var commitmentIndex: [String: Int] = [:]
    public var milestoneIndex: [String: (Int, Int)] = [:]
    /// A meeting is related to a commitment it names, or whose milestone it names.
    public var meetingsByCommitment: [String: [Int]] = [:]
    public var meetingsByMilestone: [String: [Int]] = [:]
    public var notesByCommitment: [String: [Int]] = [:]
    public var notesByMilestone: [String: [Int]] = [:]

    init(commitments: [Commitment], meetings: [Meeting], notes: [Note]) {
        // Sized at once: grown an item at a time, the tables of 10,000 milestones were rehashed a
        // dozen times, on the path a rebuild waits on (see `ModelCache.read`).
        commitmentIndex.reserveCapacity(commitments.count)
        milestoneIndex.reserveCapacity(commitments.reduce(0) { $0 + $1.milestones.count })
        for (c, commitment) in commitments.enumerated() {
            commitmentIndex[commitment.id] = c
            for (m, milestone) in commitment.milestones.enumerated() { milestoneIndex[milestone.id] = (c, m) }
        }
        func link(_ commitmentIDs: [String], _ milestoneIDs: [String], _ i: Int,
                  _ byCommitment: inout [String: [Int]], _ byMilestone: inout [String: [Int]]) {
            var seen = Set<String>()
            for id in commitmentIDs + milestoneIDs.compactMap({ milestoneIndex[$0].map { commitments[$0.0].id } })
            where seen.insert(id).inserted {
                byCommitment[id, default: []].append(i)
            }
            for id in Set(milestoneIDs).sorted() { byMilestone[id, default: []].append(i) }
        }
        for (i, meeting) in meetings.enumerated() {
            link(meeting.commitmentIDs, meeting.milestoneIDs, i, &meetingsByCommitment, &meetingsByMilestone)
        }
        for (i, note) in notes.enumerated() {
            link(note.commitmentIDs, note.milestoneIDs, i, &notesByCommitment, &notesByMilestone)
        }
    }
}
