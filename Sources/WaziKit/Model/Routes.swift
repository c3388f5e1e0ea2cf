import Foundation

/// Where each page lives, relative to a language's root (the default language is at the site root).
enum Routes {
    static let commitments = "commitments/"
    static let meetings = "meetings/"
    static let notes = "notes/"
    static let institutions = "institutions/"
    static let data = "data/"

    static func commitment(_ id: String) -> String { "commitments/\(id.lowercased())/" }
    static func milestone(_ m: Milestone) -> String { milestone(commitment: m.commitmentID, number: m.number) }
    static func milestone(commitment: String, number: Int) -> String {
        "commitments/\(commitment.lowercased())/milestones/\(number)/"
    }
    static func meeting(_ slug: String) -> String { "meetings/\(slug)/" }
    static func note(_ slug: String) -> String { "notes/\(slug)/" }
    static func page(_ slug: String) -> String { "pages/\(slug)/" }
    /// A meeting's own calendar file, beside its page in the default language.
    static func meetingCalendar(_ slug: String) -> String { meeting(slug) + "meeting.ics" }
    static func institution(_ slug: String) -> String { "institutions/\(slug)/" }
    /// Page `n` (1-based) of an institution's milestones: the first is the institution's own route.
    static func institution(_ slug: String, page: Int) -> String { page <= 1 ? institution(slug) : institution(slug) + "\(page)/" }

    /// ASCII slug of a name, for institution pages: `Office of the Governor` → `office-of-the-governor`.
    static func slugify(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en"))
        var out = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "institution" : out.lowercased()
    }

    /// A unique slug per institution name, stable for the same set of names.
    static func institutionSlugs(_ names: [String]) -> [String: String] {
        var used: [String: Int] = [:]
        var out: [String: String] = [:]
        for name in names.sorted() {
            let base = slugify(name)
            let n = used[base, default: 0] + 1
            used[base] = n
            out[name] = n == 1 ? base : "\(base)-\(n)"
        }
        return out
    }
}
