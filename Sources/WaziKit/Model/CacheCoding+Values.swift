/// How the model's small values are kept in the build cache (see `CacheCodable`): dates, texts with
/// their translations, Markdown bodies, codes.

extension MilestoneStatus: CacheCodable {}
extension OGPValue: CacheCodable {}
extension Sector: CacheCodable {}
extension MeetingType: CacheCodable {}
extension MeetingStatus: CacheCodable {}
extension ActionItemStatus: CacheCodable {}
extension IRMCompletion: CacheCodable {}
extension IRMOpenGovernment: CacheCodable {}
extension IRMPotential: CacheCodable {}
extension PlanDate.Precision: CacheCodable {}

extension Day: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(year)
        writer.write(month)
        writer.write(day)
    }

    /// Checked as a written date is: the calendar's arithmetic assumes a real day.
    init(from reader: inout CacheReader) throws {
        guard let day = Day(year: try reader.read(), month: try reader.read(), day: try reader.read()) else {
            throw CacheReader.Damaged()
        }
        self = day
    }
}

extension PlanDate: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(precision)
        writer.write(first)
    }

    init(from reader: inout CacheReader) throws {
        precision = try reader.read()
        first = try reader.read()
    }
}

extension ClockTime: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(hour)
        writer.write(minute)
    }

    init(from reader: inout CacheReader) throws {
        hour = try reader.read()
        minute = try reader.read()
        guard (0...23).contains(hour), (0...59).contains(minute) else { throw CacheReader.Damaged() }
    }
}

extension Localized: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(base)
        writer.write(translations)
    }

    init(from reader: inout CacheReader) throws {
        base = try reader.read()
        translations = try reader.read()
    }
}

extension MarkdownSource.File: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(path)
        writer.write(fingerprint)
    }

    init(from reader: inout CacheReader) throws {
        path = try reader.read()
        fingerprint = try reader.read()
    }
}

extension MarkdownSource: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(base)
        writer.write(translations)
    }

    init(from reader: inout CacheReader) throws {
        base = try reader.read()
        translations = try reader.read()
    }
}

extension Origin: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(path)
        writer.write(translations)
        writer.write(fingerprint)
    }

    init(from reader: inout CacheReader) throws {
        path = try reader.read()
        translations = try reader.read()
        fingerprint = try reader.read()
    }
}
