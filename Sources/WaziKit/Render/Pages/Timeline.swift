/// The plan timeline: each milestone as a bar across the action plan's period, with an "as of" marker.
/// Drawn as inline SVG (no script, no image request); the milestone table beside it is its text equivalent.
/// Horizontal positions are thousandths of the width (`x`, `width`), also given as percentages (`xPct`, `widthPct`)
/// for an SVG without a viewBox: its bars stretch with the screen while its text keeps its size in CSS pixels
/// (a scaled viewBox made the labels 4 px tall on a phone).
struct TimelineBar: Encodable {
    let number: Int; let x: Int; let width: Int; let y: Int; let labelY: Int; let code: String; let overdue: Bool; let title: String
    let xPct: String; let widthPct: String
}
struct TimelineTick: Encodable { let x: Int; let label: String; let xPct: String }

/// Thousandths as a percentage with one decimal, independent of the locale: 62 → "6.2%".
func percent(_ thousandths: Int) -> String { "\(thousandths / 10).\(thousandths % 10)%" }

struct TimelineView: Encodable {
    let width: Int
    let height: Int
    let bars: [TimelineBar]
    let ticks: [TimelineTick]
    let asOfX: Int
    let asOfPct: String
    let showAsOf: Bool
    let asOfLabel: String
    let summary: String
    let axisY: Int
}

/// Made directly (see `ViewModels+Values.swift`): a bar per milestone on every commitment's page.
extension TimelineBar {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .number(number), .number(x), .number(width), .number(y), .number(labelY), .escaped(code), .flag(overdue), .escaped(title),
            .escaped(xPct), .escaped(widthPct),
        ]))
    }
    private static let names = ["number", "x", "width", "y", "labelY", "code", "overdue", "title", "xPct", "widthPct"]
}

extension TimelineTick {
    var viewValue: ViewValue { .node(ViewNode(names: Self.names, values: [.number(x), .escaped(label), .escaped(xPct)])) }
    private static let names = ["x", "label", "xPct"]
}

extension TimelineView {
    var viewValue: ViewValue {
        .node(ViewNode(names: Self.names, values: [
            .number(width), .number(height), .list(bars.map(\.viewValue)), .list(ticks.map(\.viewValue)), .number(asOfX),
            .escaped(asOfPct), .flag(showAsOf), .escaped(asOfLabel), .escaped(summary), .number(axisY),
        ]))
    }
    private static let names = ["width", "height", "bars", "ticks", "asOfX", "asOfPct", "showAsOf", "asOfLabel", "summary", "axisY"]
}

extension PageContext {
    func timeline(_ milestones: [Milestone]) -> TimelineView {
        let plan = site.config.actionPlan
        let start = min(plan.start.first, milestones.map(\.start.first).min() ?? plan.start.first)
        let end = max(plan.end.last, milestones.map(\.end.last).max() ?? plan.end.last)
        let span = max(1, end.days(since: start) + 1)
        let left = 60, width = 1000, usable = width - left - 12, row = 22
        func x(_ day: Day) -> Int { left + Int((Double(day.days(since: start)) / Double(span) * Double(usable)).rounded()) }
        let bars = milestones.enumerated().map { index, m in
            let x0 = x(m.start.first), x1 = max(x0 + 3, x(m.end.last.adding(days: 1)))
            return TimelineBar(number: m.number, x: x0, width: x1 - x0, y: 8 + index * row, labelY: 8 + index * row + 13,
                               code: m.status.rawValue, overdue: m.isOverdue(asOf: site.asOf),
                               title: "\(m.id): \(date(m.start)) – \(date(m.end)), \(t("status_\(m.status.rawValue)"))",
                               xPct: percent(x0), widthPct: percent(x1 - x0))
        }
        let axisY = 8 + milestones.count * row + 4
        var ticks: [TimelineTick] = []
        var year = start.year + (start.month == 1 && start.day == 1 ? 0 : 1)
        while let day = Day(year: year, month: 1, day: 1), day <= end {
            ticks.append(TimelineTick(x: x(day), label: String(year), xPct: percent(x(day))))
            year += 1
        }
        let asOfDate = date(site.asOf)
        return TimelineView(
            width: width, height: axisY + 20, bars: bars, ticks: ticks, asOfX: x(site.asOf), asOfPct: percent(x(site.asOf)),
            showAsOf: site.asOf >= start && site.asOf <= end, asOfLabel: t("as_of", ["date": asOfDate]),
            summary: t("timeline_summary", ["n": String(milestones.count), "start": date(plan.start), "end": date(plan.end),
                                            "date": asOfDate]),
            axisY: axisY)
    }
}
