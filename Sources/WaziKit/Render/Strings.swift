import Foundation
import Yams

/// The UI strings of one language (`templates/i18n/<code>.yaml`) and its way of writing dates.
public struct Strings: Sendable {
    public let language: String
    /// The language's own name, for the language switcher.
    public let name: String
    public let table: [String: String]
    let months: [String]
    let dayFormat: String
    let monthFormat: String
    public let path: String
    /// The language the strings are written in (differs from `language` when standing in for it).
    public var uiLanguage: String

    /// The string for `key`, or nil; `Lookup` turns a miss into an error.
    public subscript(key: String) -> String? { table[key] }

    /// `1 June 2025`, `1 juin 2025`, `1 Juni 2025`: as the language writes a day.
    public func date(_ day: Day) -> String {
        fill(dayFormat, ["day": String(day.day), "month": months[day.month - 1], "year": String(day.year)])
    }

    /// A plan date at its own precision: `June 2025` or `1 June 2025`.
    public func date(_ date: PlanDate) -> String {
        switch date.precision {
        case .day: return self.date(date.first)
        case .month:
            return fill(monthFormat, ["month": months[date.first.month - 1], "year": String(date.first.year)])
        }
    }

    /// Replaces `{name}` placeholders; an unknown one is left as written. On UTF-8 bytes: it runs
    /// many times per page, and searching Characters (or Foundation's replacingOccurrences) is slow.
    public func fill(_ format: String, _ values: [String: String]) -> String {
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        guard format.containsUTF8Byte(where: { $0 == open }) else { return format }
        var format = format
        return format.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            var i = 0
            while i < bytes.count {
                if bytes[i] == open, let end = bytes[(i + 1)...].firstIndex(of: close),
                   let value = values[String(decoding: bytes[(i + 1)..<end], as: UTF8.self)] {
                    out.append(utf8: value)
                    i = end + 1
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// These strings used for another language (whose own file is missing); `uiLanguage` stays theirs.
    func standingIn(for language: String) -> Strings {
        Strings(language: language, name: table["language_name_\(language)"] ?? language, table: table, months: months,
                dayFormat: dayFormat, monthFormat: monthFormat, path: path, uiLanguage: uiLanguage)
    }

    static let reservedKeys = ["language_name", "months", "date_format", "month_format", "strings"]

    /// Loads one language's file; problems are located diagnostics.
    static func load(directory: String, language: String, log: DiagnosticLog) -> Strings? {
        let path = directory + "/i18n/\(language).yaml"
        let source = YAMLSource(path: path)
        guard FileManager.default.fileExists(atPath: path) else {
            log.error(source.start, "no UI strings for language '\(language)': create \(path) (copy en.yaml and translate it)")
            return nil
        }
        guard let text = readText(path, display: path, log: log),
              let node = source.compose(text, log: log),
              let fields = Fields(node, source: source, log: log, subject: "UI strings") else { return nil }
        fields.rejectUnknownKeys(allowed: reservedKeys)
        let name = fields.text("language_name", required: true)
        let months = fields.textList("months").map(\.text)
        if months.count != 12 {
            log.error(fields.location(of: "months"), "months must list the 12 month names, January first")
        }
        let dayFormat = fields.text("date_format", required: true)
        let monthFormat = fields.text("month_format", required: true)
        var table: [String: String] = [:]
        if let strings = fields.map("strings", subject: "strings", required: true) {
            for key in strings.keys {
                if let value = strings.text(key, required: true) { table[key] = value }
            }
        }
        guard let name, months.count == 12, let dayFormat, let monthFormat else { return nil }
        return Strings(language: language, name: name, table: table, months: months, dayFormat: dayFormat,
                       monthFormat: monthFormat, path: path, uiLanguage: language)
    }
}

/// Looks strings up for one page, remembering every key that is missing so the build can fail on it.
final class Lookup {
    let strings: Strings
    private(set) var missing: Set<String> = []

    init(_ strings: Strings) { self.strings = strings }

    func callAsFunction(_ key: String) -> String {
        if let value = strings[key] { return value }
        missing.insert(key)
        return ""
    }

    func callAsFunction(_ key: String, _ values: [String: String]) -> String {
        strings.fill(self(key), values)
    }

    /// A count with its noun: `count.one` / `count.other` forms of `key`.
    func count(_ key: String, _ n: Int) -> String {
        self(n == 1 ? key + ".one" : key + ".other", ["n": String(n)])
    }
}
