import Foundation

/// schema.org JSON-LD for search engines and Open Graph facts for link previews.
extension PageContext {
    var organisation: JSONValue {
        var members: [String: JSONValue] = [
            "@type": .string("GovernmentOrganization"), "name": .string(site.config.member), "url": .string(site.config.baseURL),
        ]
        if case let .external(url)? = site.config.contact, url.hasPrefix("mailto:") {
            members["email"] = .string(String(url.dropFirst("mailto:".count)))
        }
        return .object(members)
    }

    func homeStructuredData() -> JSONValue {
        guard case var .object(members) = organisation else { return organisation }
        members["@context"] = .string("https://schema.org")
        members["description"] = .string(site.config.actionPlan.title)
        return .object(members)
    }

    func meetingStructuredData(_ m: Meeting) -> JSONValue {
        let statuses: [MeetingStatus: String] = [.scheduled: "EventScheduled", .held: "EventScheduled", .cancelled: "EventCancelled"]
        var event: [String: JSONValue] = [
            "@context": .string("https://schema.org"),
            "@type": .string("Event"),
            "name": .string(title(m.title)),
            "startDate": .string(dateTime(m.date, m.startTime)),
            "eventStatus": .string("https://schema.org/" + (statuses[m.status] ?? "EventScheduled")),
            "eventAttendanceMode": .string("https://schema.org/OfflineEventAttendanceMode"),
            "location": .object(["@type": .string("Place"), "name": .string(m.location ?? site.config.member),
                                 "address": .string(site.config.member)]),
            "organizer": .object(["@type": .string("GovernmentOrganization"),
                                  "name": .string(site.body(m.bodyKey)?.name ?? site.config.member)]),
            "url": .string(absoluteURL),
            "inLanguage": .string(language),
        ]
        if let end = m.endTime { event["endDate"] = .string(dateTime(m.date, end)) }
        return .object(event)
    }

    func dataStructuredData(_ downloads: [Download]) -> JSONValue {
        .object([
            "@context": .string("https://schema.org"),
            "@type": .string("Dataset"),
            "name": .string(site.config.actionPlan.title + " – open data"),
            "description": .string("Commitments, milestones, status updates, meetings, action items and policy notes of \(site.config.actionPlan.title) (\(site.config.member)), as of \(site.asOf.iso)."),
            "url": .string(absoluteURL),
            "license": .string(License.url(site.config.license)),
            "creator": organisation,
            "dateModified": .string(site.asOf.iso),
            "isAccessibleForFree": .bool(true),
            "distribution": .array(downloads.map { d in
                .object(["@type": .string("DataDownload"), "name": .string(d.title), "encodingFormat": .string(d.mediaType),
                         "contentUrl": .string(site.config.baseURL + d.path)])
            }),
        ])
    }

    /// `2025-09-18T10:00:00+03:00` in the site's time zone, or the day alone without a time.
    func dateTime(_ day: Day, _ time: ClockTime?) -> String {
        guard let time else { return day.iso }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute)
        let offset = calendar.date(from: components).map { zone.secondsFromGMT(for: $0) } ?? 0
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return String(format: "%@T%02d:%02d:00%@%02d:%02d", day.iso, time.hour, time.minute, sign, minutes / 60, minutes % 60)
    }
}
