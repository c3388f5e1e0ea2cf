import Foundation
import Yams

/// Decodes `content/site.yaml` and `content/bodies.yaml`.
enum SiteConfigDecoder {
    static let keys = ["title", "base_url", "languages", "timezone", "member", "action_plan", "license",
                       "contact", "publish_attendee_names", "allow_html"]

    static func decode(_ tree: ContentTree, baseURLOverride: String?, log: DiagnosticLog) -> SiteConfig? {
        let display = tree.display("site.yaml")
        let source = YAMLSource(path: display)
        guard FileManager.default.fileExists(atPath: display) else {
            log.error(source.start, "site.yaml is missing: every site needs one (title, base_url, member, action_plan)")
            return nil
        }
        guard let text = readText(display, display: display, log: log) else { return nil }
        let yaml = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        guard let node = source.compose(yaml, log: log),
              let fields = Fields(node, source: source, log: log, subject: "site.yaml") else { return nil }
        fields.rejectUnknownKeys(allowed: keys)

        let title = fields.text("title", required: true)
        var baseURL = fields.text("base_url", required: true)
        if let override = baseURLOverride { baseURL = override }
        if let url = baseURL {
            let lower = url.lowercased()
            if !(lower.hasPrefix("https://") || lower.hasPrefix("http://")) || url.count <= 8 || url.contains(" ") {
                log.error(fields.location(ofValue: "base_url"),
                          "base_url '\(url)' must be an absolute URL such as https://opengov.example.org/")
                baseURL = nil
            } else if !url.hasSuffix("/") {
                baseURL = url + "/"
            }
        }

        var languages = ["en"]
        if fields.has("languages") {
            let items = fields.textList("languages")
            languages = []
            for item in items {
                if !ContentTree.isLanguageCode(Substring(item.text)) {
                    log.error(item.location, "language '\(item.text)' is not a language code such as en, fr or sw")
                } else if languages.contains(item.text) {
                    log.error(item.location, "language '\(item.text)' is listed twice")
                } else {
                    languages.append(item.text)
                }
            }
            if languages.isEmpty {
                log.error(fields.location(of: "languages"), "languages must list at least one language; the first is the default")
                languages = ["en"]
            }
        }

        let timezone = fields.text("timezone") ?? "Africa/Nairobi"
        if TimeZone(identifier: timezone) == nil || !timezone.contains("/") && timezone != "UTC" {
            log.error(fields.location(ofValue: "timezone"), "timezone '\(timezone)' is not an IANA time zone such as Africa/Nairobi")
        }
        let member = fields.text("member", required: true)
        let plan = fields.map("action_plan", subject: "action_plan", required: true).flatMap { decodePlan($0) }
        let license = fields.text("license") ?? "CC-BY-4.0"
        if license.contains(where: { $0.isWhitespace }) {
            log.error(fields.location(ofValue: "license"), "license '\(license)' must be an SPDX id such as CC-BY-4.0")
        }
        var contact: Link?
        if let value = fields.text("contact") {
            let url = value.contains("@") && !value.contains(":") ? "mailto:" + value : value
            contact = fields.checkLink(url, at: fields.location(ofValue: "contact"), key: "contact")
        }
        let names = fields.bool("publish_attendee_names") ?? false
        let allowHTML = fields.bool("allow_html") ?? false

        guard let title, let baseURL, let member, let plan else { return nil }
        let parts = URLComponents(string: baseURL)
        return SiteConfig(title: title, baseURL: baseURL, host: parts?.host ?? "localhost",
                          basePath: (parts?.path ?? "").split(separator: "/").joined(separator: "/"), languages: languages, timezone: timezone, member: member,
                          actionPlan: plan, license: license, contact: contact, publishAttendeeNames: names,
                          allowHTML: allowHTML)
    }

    private static func decodePlan(_ fields: Fields) -> ActionPlan? {
        fields.rejectUnknownKeys(allowed: ["id", "title", "start", "end", "url"])
        let id = fields.text("id", required: true)
        let title = fields.text("title", required: true)
        let start = fields.planDate("start", required: true)
        let end = fields.planDate("end", required: true)
        let url = fields.link("url")
        if let start, let end, end.last < start.first {
            fields.log.error(fields.location(ofValue: "end"), "action plan end \(end) is before its start \(start)")
        }
        guard let id, let title, let start, let end else { return nil }
        return ActionPlan(id: id, title: title, start: start, end: end, url: url)
    }

    static func decodeBodies(_ tree: ContentTree, log: DiagnosticLog) -> [GovernanceBody] {
        let display = tree.display("bodies.yaml")
        guard FileManager.default.fileExists(atPath: display),
              let text = readText(display, display: display, log: log) else { return [] }
        let source = YAMLSource(path: display)
        let yaml = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // Blank: nothing but white space (trimming it first copied the whole file through NSString).
        guard yaml.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { return [] }
        guard let node = source.compose(yaml, log: log),
              let all = Fields(node, source: source, log: log, subject: "bodies.yaml") else { return [] }
        var bodies: [GovernanceBody] = []
        for key in all.keys {
            if !isSlug(key) {
                log.error(all.location(of: key), "body key '\(key)' must be lower-case letters, digits and hyphens")
                continue
            }
            guard let fields = all.map(key, subject: "body '\(key)'", required: true) else { continue }
            fields.rejectUnknownKeys(allowed: ["name", "cadence", "members"])
            guard let name = fields.text("name", required: true) else { continue }
            bodies.append(GovernanceBody(key: key, name: name, cadence: fields.code("cadence", as: Cadence.self),
                                         members: fields.textList("members").map(\.text)))
        }
        return bodies
    }

    /// Lower-case letters, digits and hyphens: safe as a URL segment and a folder name.
    static func isSlug(_ s: String) -> Bool {
        guard let first = s.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
