import Foundation

/// The VTIMEZONE of the site's zone (RFC 5545 §3.6.5), from Foundation's time zone data, so that
/// clients without that zone's rules (or with other rules) still place meetings at the right instant.
enum VTimezone {
    /// One observance: a STANDARD or DAYLIGHT component with every onset in the covered years.
    struct Observance: Equatable {
        let daylight: Bool
        let from: Int
        let to: Int
        let name: String?
        /// Unix times of the transitions into this observance.
        var onsets: [Int]
    }

    /// The component's content lines (unfolded). `years` are those of the events it must cover.
    static func lines(_ identifier: String, years: ClosedRange<Int>) -> [String] {
        guard let zone = TimeZone(identifier: identifier) else { return [] }
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(identifier)"]
        for observance in observances(zone, identifier: identifier, years: years) {
            let kind = observance.daylight ? "DAYLIGHT" : "STANDARD"
            lines.append("BEGIN:\(kind)")
            // Onsets are local times in the offset in force before the transition (TZOFFSETFROM).
            let local = observance.onsets.map { localTime($0 + observance.from) }
            lines.append("DTSTART:\(local.first ?? "19700101T000000")")
            lines += local.dropFirst().map { "RDATE:\($0)" }
            lines.append("TZOFFSETFROM:\(offset(observance.from))")
            lines.append("TZOFFSETTO:\(offset(observance.to))")
            if let name = observance.name { lines.append("TZNAME:\(name)") }
            lines.append("END:\(kind)")
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    /// The transitions from a year before the first event (so that its first months are covered)
    /// to the end of the last event's year, grouped by kind, offsets and name; for a zone without
    /// transitions there (Africa/Nairobi), one STANDARD observance since 1970.
    static func observances(_ zone: TimeZone, identifier: String, years: ClosedRange<Int>) -> [Observance] {
        let start = unixTime(year: years.lowerBound - 1), end = unixTime(year: years.upperBound + 1)
        var observances: [Observance] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(start))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next > cursor,
              Int(next.timeIntervalSince1970) < end {
            let time = Int(next.timeIntervalSince1970)
            let from = zone.secondsFromGMT(for: next.addingTimeInterval(-1)), to = zone.secondsFromGMT(for: next)
            let daylight = zone.isDaylightSavingTime(for: next)
            let name = ZoneNames.abbreviation(identifier, offset: to, daylight: daylight) ?? zone.abbreviation(for: next)
            let observance = Observance(daylight: daylight, from: from, to: to, name: name, onsets: [time])
            if let index = observances.firstIndex(where: {
                ($0.daylight, $0.from, $0.to, $0.name) == (daylight, from, to, name)
            }) {
                observances[index].onsets.append(time)
            } else {
                observances.append(observance)
            }
            cursor = next
        }
        if observances.isEmpty {
            let instant = Date(timeIntervalSince1970: TimeInterval(unixTime(year: years.lowerBound)))
            let offset = zone.secondsFromGMT(for: instant)
            let daylight = zone.isDaylightSavingTime(for: instant)
            let name = ZoneNames.abbreviation(identifier, offset: offset, daylight: daylight) ?? zone.abbreviation(for: instant)
            // No onsets: DTSTART 19700101T000000, the usual way to say "in force throughout".
            return [Observance(daylight: false, from: offset, to: offset, name: name, onsets: [])]
        }
        return observances
    }

    static func unixTime(year: Int) -> Int {
        ((Day(year: year, month: 1, day: 1) ?? Day(julianDay: 2_440_588)).julianDay - 2_440_588) * 86_400
    }

    /// `YYYYMMDDTHHMMSS` of seconds since 1970-01-01T00:00 (of any clock).
    static func localTime(_ seconds: Int) -> String {
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = seconds - days * 86_400
        let day = Day(julianDay: 2_440_588 + days)
        return String(format: "%04d%02d%02dT%02d%02d%02d", day.year, day.month, day.day,
                      rest / 3600, rest % 3600 / 60, rest % 60)
    }

    /// `+0300`, `-0330`, `+051721` (seconds only when there are some, as RFC 5545 allows).
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+", value = abs(seconds)
        let hm = sign + String(format: "%02d%02d", value / 3600, value % 3600 / 60)
        return value % 60 == 0 ? hm : hm + String(format: "%02d", value % 60)
    }
}

/// Zone abbreviations (EAT, CET, CEST) from the tz database's TZif file: Foundation on Linux only
/// offers `GMT+3`-style names. Nil when the file cannot be read; callers fall back to Foundation.
enum ZoneNames {
    static func abbreviation(_ identifier: String, offset: Int, daylight: Bool) -> String? {
        guard !identifier.split(separator: "/").contains(".."), let bytes = tzif(identifier) else { return nil }
        let (types, footer) = parse(bytes)
        // The footer's POSIX TZ string names the current rules; the type table also holds older names.
        if let footer, let name = footerName(footer, offset: offset, daylight: daylight) { return name }
        return types.last { $0.offset == offset && $0.daylight == daylight }?.name
    }

    private static func tzif(_ identifier: String) -> [UInt8]? {
        let folders = [ProcessInfo.processInfo.environment["TZDIR"], "/usr/share/zoneinfo", "/var/db/timezone/zoneinfo"]
        for folder in folders.compactMap({ $0 }) {
            if let data = FileManager.default.contents(atPath: folder + "/" + identifier) { return Array(data) }
        }
        return nil
    }

    /// The local time types of the last data block (64-bit for version 2+) and the footer (RFC 8536).
    static func parse(_ bytes: [UInt8]) -> (types: [(offset: Int, daylight: Bool, name: String)], footer: String?) {
        func int32(_ at: Int) -> Int? {
            guard at >= 0, at + 4 <= bytes.count else { return nil }
            return Int(Int32(bitPattern: bytes[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) }))
        }
        guard bytes.count >= 44, bytes.starts(with: Array("TZif".utf8)) else { return ([], nil) }
        var header = 0, timeSize = 4
        while true {
            guard let isut = int32(header + 20), let isstd = int32(header + 24), let leap = int32(header + 28),
                  let times = int32(header + 32), let typeCount = int32(header + 36), let chars = int32(header + 40)
            else { return ([], nil) }
            let typesAt = header + 44 + times * (timeSize + 1)
            let charsAt = typesAt + typeCount * 6
            let end = charsAt + chars + leap * (timeSize + 4) + isstd + isut
            guard end <= bytes.count else { return ([], nil) }
            if timeSize == 4, bytes[4] >= UInt8(ascii: "2") {
                header = end
                timeSize = 8
                continue
            }
            let types: [(offset: Int, daylight: Bool, name: String)] = (0..<typeCount).compactMap { i in
                let at = typesAt + i * 6
                guard let offset = int32(at) else { return nil }
                let start = charsAt + Int(bytes[at + 5])
                guard start < charsAt + chars else { return nil }
                let name = bytes[start..<charsAt + chars].prefix { $0 != 0 }
                return (offset, bytes[at + 4] != 0, String(decoding: name, as: UTF8.self))
            }
            let footer = timeSize == 8 ? String(decoding: bytes[end...], as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines) : nil
            return (types, footer)
        }
    }

    /// The name in a POSIX TZ string (`EAT-3`, `CET-1CEST,M3.5.0,M10.5.0/3`, `<+0330>-3:30`)
    /// whose offset matches; POSIX offsets count west of Greenwich, hence the sign change.
    static func footerName(_ tz: String, offset: Int, daylight: Bool) -> String? {
        var rest = Substring(tz.split(separator: ",", maxSplits: 1).first ?? "")
        func name() -> String? {
            if rest.first == "<" {
                guard let close = rest.firstIndex(of: ">") else { return nil }
                defer { rest = rest[rest.index(after: close)...] }
                return String(rest[rest.index(after: rest.startIndex)..<close])
            }
            let letters = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(letters.count)
            return letters.count >= 3 ? String(letters) : nil
        }
        func seconds() -> Int? {
            let text = rest.prefix { "+-:0123456789".contains($0) }
            rest = rest.dropFirst(text.count)
            guard !text.isEmpty else { return nil }
            let negative = text.hasPrefix("-")
            let parts = text.drop { $0 == "+" || $0 == "-" }.split(separator: ":").compactMap { Int($0) }
            let value = zip(parts, [3600, 60, 1]).reduce(0) { $0 + $1.0 * $1.1 }
            return negative ? -value : value
        }
        guard let standard = name(), let standardWest = seconds() else { return nil }
        let standardOffset = -standardWest
        if !daylight { return standardOffset == offset ? standard : nil }
        guard let summer = name() else { return nil }
        let summerOffset = seconds().map { -$0 } ?? standardOffset + 3600
        return summerOffset == offset ? summer : nil
    }
}
