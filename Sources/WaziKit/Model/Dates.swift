import Foundation

/// A calendar day, without time zone: what content and outputs mean by a date.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = isoParts(iso)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = isoNumber(parts[0]), let m = isoNumber(parts[1]), let d = isoNumber(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The UTC day of a Unix time (SOURCE_DATE_EPOCH).
    public init(unixTime seconds: Int) {
        self = Day(julianDay: 2_440_588 + Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// Today in UTC.
    public static func today() -> Day { Day(unixTime: Int(Date().timeIntervalSince1970)) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var iso: String {
        // Not String(format:): it goes through Foundation and this runs for every date of every page.
        Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    public var description: String { iso }

    /// Days since the Julian epoch: makes day arithmetic exact and time-zone free.
    public var julianDay: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    public init(julianDay jd: Int) {
        let a = jd + 32044
        let b = (4 * a + 3) / 146_097
        let c = a - 146_097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        day = e - (153 * m + 2) / 5 + 1
        month = m + 3 - 12 * (m / 10)
        year = 100 * b + d - 4800 + m / 10
    }

    public func adding(days: Int) -> Day { Day(julianDay: julianDay + days) }

    public func days(since other: Day) -> Int { julianDay - other.julianDay }

    /// Monday 1 … Sunday 7.
    public var weekday: Int { julianDay % 7 + 1 }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A plan date of a commitment or milestone: a month (as OGP publishes them) or a day.
/// Its precision is kept in every output.
public struct PlanDate: Hashable, Sendable, CustomStringConvertible {
    public enum Precision: String, Sendable { case month, day }

    public let precision: Precision
    /// The first day it covers (the 1st for a month).
    public let first: Day

    public init(day: Day) {
        precision = .day
        first = day
    }

    public init?(year: Int, month: Int) {
        guard let day = Day(year: year, month: month, day: 1) else { return nil }
        precision = .month
        first = day
    }

    /// `YYYY-MM` or `YYYY-MM-DD`.
    public init?(iso: String) {
        if let day = Day(iso: iso) {
            self.init(day: day)
            return
        }
        let parts = isoParts(iso)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = isoNumber(parts[0]), let m = isoNumber(parts[1]) else { return nil }
        self.init(year: y, month: m)
    }

    /// The last day it covers (the month's last day for a month), used for overdue and ordering of ends.
    public var last: Day {
        switch precision {
        case .day: return first
        case .month:
            return Day(year: first.year, month: first.month, day: Day.daysIn(month: first.month, year: first.year)) ?? first
        }
    }

    public var iso: String {
        precision == .day ? first.iso : String(first.iso.prefix(7))
    }

    public var description: String { iso }
}

/// A local time of day, `HH:MM`.
public struct ClockTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        hour = h
        minute = m
    }

    public var description: String { Day.padded(hour, 2) + ":" + Day.padded(minute, 2) }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }
}

/// The parts of an ISO date between hyphens, as UTF-8 (dates are read for every file and page).
private func isoParts(_ iso: String) -> [Substring.UTF8View] {
    iso.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
}

/// The number an ISO date part writes in ASCII digits, nil for anything else.
private func isoNumber(_ digits: Substring.UTF8View) -> Int? {
    var value = 0
    for byte in digits {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return digits.isEmpty ? nil : value
}
