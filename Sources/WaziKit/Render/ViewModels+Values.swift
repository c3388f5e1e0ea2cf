/// The rows and parts of pages as template values, made directly: each is what `ViewEncoder` makes
/// through the type's `Encodable` conformance (field order and names, Strings escaped, `RawHTML` as it
/// is; tests compare the two), without a dozen generic calls per field. Page contents have theirs
/// beside them (`Pages/`); `ViewEncoder.convert` picks the top-level ones by type.

extension LinkItem {
    var viewValue: ViewValue { .node(ViewNode(names: Self.names, values: [.escaped(label), .escaped(href)])) }
    private static let names = ["label", "href"]
}

extension NavItem {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [.escaped(label), .escaped(href), .flag(current), .flag(page), .flag(titleFallback)]))
    }
    private static let names = ["label", "href", "current", "page", "titleFallback"]
}

extension MainNav {
    var viewValue: ViewValue { .node(ViewNode(names: Self.names, values: [.list(nav.map(\.viewValue)), .escaped(sourceLang)])) }
    private static let names = ["nav", "sourceLang"]
}

extension Badge {
    var viewValue: ViewValue { .node(ViewNode(names: Self.names, values: [.escaped(code), .escaped(label), .escaped(icon)])) }
    private static let names = ["code", "label", "icon"]
}

extension TocItem {
    var viewValue: ViewValue { .node(ViewNode(names: Self.names, values: [.escaped(anchor), .escaped(text)])) }
    private static let names = ["anchor", "text"]
}

extension RenderedRow {
    var viewValue: ViewValue { .node(ViewNode(names: Self.names, values: [html.viewValue])) }
    private static let names = ["html"]
}

extension ProgressView {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .number(total), .flag(hasMilestones), .escaped(summary), .number(percent), .list(segments.map(\.viewValue)),
        ]))
    }
    private static let names = ["total", "hasMilestones", "summary", "percent", "segments"]
}

extension ProgressSegment {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [.escaped(code), .escaped(label), .number(count), .number(percent), .number(offset)]))
    }
    private static let names = ["code", "label", "count", "percent", "offset"]
}

extension MilestoneRow {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(id), .number(number), .escaped(title), href.viewValue, .escaped(start), .escaped(end), status.viewValue,
            .flag(overdue), .escaped(lastReported), .flag(titleFallback), .escaped(commitmentTitle), commitmentHref.viewValue,
            .escaped(sourceLang),
        ]))
    }
    private static let names = [
        "id", "number", "title", "href", "start", "end", "status", "overdue", "lastReported", "titleFallback", "commitmentTitle",
        "commitmentHref", "sourceLang",
    ]
}

extension CommitmentRow {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(id), .escaped(title), .flag(titleFallback), href.viewValue, .escaped(lead), .escaped(period), progress.viewValue,
            .number(overdueCount), .flag(hasOverdue), .escaped(overdueText), .escaped(sourceLang),
        ]))
    }
    private static let names = [
        "id", "title", "titleFallback", "href", "lead", "period", "progress", "overdueCount", "hasOverdue", "overdueText", "sourceLang",
    ]
}

extension MeetingRow {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(title), .flag(titleFallback), href.viewValue, .escaped(date), .escaped(isoDate), .escaped(bodyName),
            .escaped(type), status.viewValue, .escaped(sourceLang),
        ]))
    }
    private static let names = ["title", "titleFallback", "href", "date", "isoDate", "bodyName", "type", "status", "sourceLang"]
}

extension NoteRow {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(title), .flag(titleFallback), href.viewValue, .escaped(date), .escaped(isoDate), .escaped(summary),
            .flag(summaryFallback), .flag(hasSummary), .escaped(sourceLang),
        ]))
    }
    private static let names = ["title", "titleFallback", "href", "date", "isoDate", "summary", "summaryFallback", "hasSummary", "sourceLang"]
}

extension UpdateRow {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .escaped(date), .escaped(isoDate), status.viewValue, .escaped(summary), .list(evidence.map(\.viewValue)), .flag(hasEvidence),
            .escaped(milestoneTitle), .flag(milestoneTitleFallback), .escaped(milestoneHref),
        ]))
    }
    private static let names = [
        "date", "isoDate", "status", "summary", "evidence", "hasEvidence", "milestoneTitle", "milestoneTitleFallback", "milestoneHref",
    ]
}
