import Foundation

/// Meetings as iCalendar (RFC 5545): `meetings.ics` to subscribe to, and one `.ics` per meeting
/// to add it to a calendar. Written byte by byte, because calendar clients differ in how much
/// of a broken file they forgive.
public enum MeetingCalendar {
    /// `meetings.ics`: every meeting. `strings` (the default language's) names meeting types.
    public static func all(_ site: Site, strings: Strings? = nil) -> OutputFile {
        OutputFile(path: "meetings.ics", bytes: calendar(site, site.meetings, strings: strings))
    }

    /// `meetings/<slug>/meeting.ics`: one meeting, beside its page in the default language.
    public static func single(_ site: Site, _ meeting: Meeting, strings: Strings? = nil) -> OutputFile {
        OutputFile(path: Routes.meetingCalendar(meeting.slug), bytes: calendar(site, [meeting], strings: strings))
    }

    /// `meetings.ics` and every meeting's own file, reading the time zone's rules once per range of years.
    /// `keep`: whether a file (`meetings.ics` or a meeting's own) is kept from the previous build, not made again.
    public static func files(_ site: Site, strings: Strings? = nil, keep: (String) -> Bool = { _ in false }) -> [OutputFile] {
        var zones: [ClosedRange<Int>: [String]] = [:]
        func zone(_ years: ClosedRange<Int>) -> [String] {
            if let lines = zones[years] { return lines }
            let lines = VTimezone.lines(site.config.timezone, years: years)
            zones[years] = lines
            return lines
        }
        // Each event is made once, for both files that hold it, and only for a file made again.
        var events: [[UInt8]?] = Array(repeating: nil, count: site.meetings.count)
        func event(_ index: Int) -> [UInt8] {
            if let made = events[index] { return made }
            let made = Self.event(site, site.meetings[index], strings: strings).flatMap(fold)
            events[index] = made
            return made
        }
        var files: [OutputFile] = []
        if !keep("meetings.ics") {
            files.append(OutputFile(path: "meetings.ics",
                                    bytes: calendar(site, site.meetings, events: site.meetings.indices.map(event), zone: zone)))
        }
        for index in site.meetings.indices {
            let path = Routes.meetingCalendar(site.meetings[index].slug)
            if !keep(path) {
                files.append(OutputFile(path: path, bytes: calendar(site, [site.meetings[index]], events: [event(index)], zone: zone)))
            }
        }
        return files
    }


    static func calendar(_ site: Site, _ meetings: [Meeting], strings: Strings?) -> [UInt8] {
        calendar(site, meetings, events: meetings.map { event(site, $0, strings: strings).flatMap(fold) }, zone: { _ in [] })
    }

    /// `events`: the meetings' events, folded.
    private static func calendar(_ site: Site, _ meetings: [Meeting], events: [[UInt8]],
                                 zone: (ClosedRange<Int>) -> [String]) -> [UInt8] {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//wazi//wazi \(Wazi.version)//EN", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:" + text(site.config.title), "X-WR-TIMEZONE:" + site.config.timezone]
        let years = meetings.map(\.date.year)
        let range = (years.min() ?? site.asOf.year)...(years.max() ?? site.asOf.year)
        let block = zone(range)
        lines += block.isEmpty ? VTimezone.lines(site.config.timezone, years: range) : block
        var bytes: [UInt8] = []
        for line in lines { bytes += fold(line) }
        for event in events { bytes += event }
        bytes += fold("END:VCALENDAR")
        return bytes
    }

    static func event(_ site: Site, _ meeting: Meeting, strings: Strings?) -> [String] {
        let zone = site.config.timezone
        var lines = ["BEGIN:VEVENT", "UID:\(meeting.slug)@\(site.host)",
                     // The as-of date, not the wall clock: the same input gives the same bytes.
                     "DTSTAMP:\(compact(site.asOf))T000000Z"]
        if let start = meeting.startTime {
            lines.append("DTSTART;TZID=\(zone):\(compact(meeting.date))T\(clock(start.hour * 60 + start.minute))")
            // Without an end time, an hour: a point in time shows badly in most calendar clients.
            let end = meeting.endTime.map { $0.hour * 60 + $0.minute } ?? start.hour * 60 + start.minute + 60
            let endDay = meeting.date.adding(days: end / (24 * 60))
            lines.append("DTEND;TZID=\(zone):\(compact(endDay))T\(clock(end % (24 * 60)))")
        } else {
            // An all-day event; DTEND is exclusive, hence the next day.
            lines.append("DTSTART;VALUE=DATE:\(compact(meeting.date))")
            lines.append("DTEND;VALUE=DATE:\(compact(meeting.date.adding(days: 1)))")
        }
        lines.append("SUMMARY:" + text(meeting.title.base))
        if let location = meeting.location { lines.append("LOCATION:" + text(location)) }
        let url = site.pageURL(Routes.meeting(meeting.slug), language: site.config.defaultLanguage)
        lines.append("URL:\(url)")
        let type = strings?["meeting_type_\(meeting.type.rawValue)"] ?? meeting.type.rawValue.capitalized
        let body = site.body(meeting.bodyKey)?.name ?? meeting.bodyKey
        // The page link also in the description: many clients do not show URL.
        lines.append("DESCRIPTION:" + text("\(body) (\(type))\n\(url)"))
        lines.append("STATUS:" + status(meeting.status))
        lines.append("END:VEVENT")
        return lines
    }

    static func status(_ status: MeetingStatus) -> String {
        switch status {
        case .held: return "CONFIRMED"
        case .scheduled: return "TENTATIVE"
        case .cancelled: return "CANCELLED"
        }
    }

    /// `20250918`.
    static func compact(_ day: Day) -> String { day.iso.filter { $0 != "-" } }

    /// `HHMMSS` of minutes since midnight.
    static func clock(_ minutes: Int) -> String { String(format: "%02d%02d00", minutes / 60, minutes % 60) }

    /// A TEXT value (§3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`, other
    /// control characters (not allowed in content lines) dropped.
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.replacingAll("\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r": out += "\\n"
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0x7F { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// One content line, folded (§3.1): at most 75 octets per line before CRLF, continuation lines
    /// starting with a space, and never inside a UTF-8 sequence.
    static func fold(_ line: String) -> [UInt8] {
        let bytes = Array(line.utf8)
        guard bytes.count > 75 else { return bytes + [13, 10] }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 70 * 3 + 2)
        var width = 0
        var start = 0
        while start < bytes.count {
            // One character: a lead byte and its continuation bytes (10xxxxxx), never split.
            var end = start + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            if width + (end - start) > 75 {
                out.append(13)
                out.append(10)
                out.append(32)
                width = 1
            }
            for index in start..<end { out.append(bytes[index]) }
            width += end - start
            start = end
        }
        out.append(13)
        out.append(10)
        return out
    }
}
