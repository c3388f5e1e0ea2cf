/// How the content items are kept in the build cache (see `CacheCodable` and `DecodedCache`): each
/// field in declaration order.

extension Commitment: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(id)
        writer.write(title)
        writer.write(shortTitle)
        writer.write(start)
        writer.write(end)
        writer.write(institutions)
        writer.write(policyArea)
        writer.write(sectors)
        writer.write(ogpValues)
        writer.write(initialReport)
        writer.write(ogpURL)
        writer.write(irm)
        writer.write(draft)
        writer.write(member)
        writer.write(description)
        writer.write(origin)
        writer.write(milestones)
    }

    init(from reader: inout CacheReader) throws {
        id = try reader.read()
        title = try reader.read()
        shortTitle = try reader.read()
        start = try reader.read()
        end = try reader.read()
        institutions = try reader.read()
        policyArea = try reader.read()
        sectors = try reader.read()
        ogpValues = try reader.read()
        initialReport = try reader.read()
        ogpURL = try reader.read()
        irm = try reader.read()
        draft = try reader.read()
        member = try reader.read()
        description = try reader.read()
        origin = try reader.read()
        milestones = try reader.read()
    }
}

extension IRMAssessment: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(assessed)
        writer.write(completion)
        writer.write(didItOpenGovernment)
        writer.write(potentialResults)
    }

    init(from reader: inout CacheReader) throws {
        assessed = try reader.read()
        completion = try reader.read()
        didItOpenGovernment = try reader.read()
        potentialResults = try reader.read()
    }
}

extension StatusUpdate: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(date)
        writer.write(status)
        writer.write(summary)
        writer.write(evidence)
    }

    init(from reader: inout CacheReader) throws {
        date = try reader.read()
        status = try reader.read()
        summary = try reader.read()
        evidence = try reader.read()
    }
}

extension Milestone: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(commitmentID)
        writer.write(number)
        writer.write(fileSlug)
        writer.write(title)
        writer.write(start)
        writer.write(end)
        writer.write(status)
        writer.write(lead)
        writer.write(updates)
        writer.write(description)
        writer.write(origin)
    }

    init(from reader: inout CacheReader) throws {
        try self.init(commitmentID: reader.read(), number: reader.read(), fileSlug: reader.read(), title: reader.read(),
                      start: reader.read(), end: reader.read(), status: reader.read(), lead: reader.read(),
                      updates: reader.read(), description: reader.read(), origin: reader.read())
    }
}

extension Attendee: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(name)
        writer.write(organisation)
        writer.write(sector)
    }

    init(from reader: inout CacheReader) throws {
        name = try reader.read()
        organisation = try reader.read()
        sector = try reader.read()
    }
}

extension ActionItem: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(text)
        writer.write(owner)
        writer.write(due)
        writer.write(status)
    }

    init(from reader: inout CacheReader) throws {
        text = try reader.read()
        owner = try reader.read()
        due = try reader.read()
        status = try reader.read()
    }
}

extension MeetingDocument: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(title)
        writer.write(url)
    }

    init(from reader: inout CacheReader) throws {
        title = try reader.read()
        url = try reader.read()
    }
}

extension Meeting: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(slug)
        writer.write(title)
        writer.write(date)
        writer.write(startTime)
        writer.write(endTime)
        writer.write(bodyKey)
        writer.write(type)
        writer.write(status)
        writer.write(location)
        writer.write(commitmentIDs)
        writer.write(milestoneIDs)
        writer.write(attendees)
        writer.write(decisions)
        writer.write(actionItems)
        writer.write(documents)
        writer.write(minutes)
        writer.write(origin)
    }

    init(from reader: inout CacheReader) throws {
        try self.init(slug: reader.read(), title: reader.read(), date: reader.read(), startTime: reader.read(),
                      endTime: reader.read(), bodyKey: reader.read(), type: reader.read(), status: reader.read(),
                      location: reader.read(), commitmentIDs: reader.read(), milestoneIDs: reader.read(),
                      attendees: reader.read(), decisions: reader.read(), actionItems: reader.read(),
                      documents: reader.read(), minutes: reader.read(), origin: reader.read())
    }
}

extension Note: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(slug)
        writer.write(title)
        writer.write(date)
        writer.write(summary)
        writer.write(authors)
        writer.write(commitmentIDs)
        writer.write(milestoneIDs)
        writer.write(tags)
        writer.write(body)
        writer.write(origin)
    }

    init(from reader: inout CacheReader) throws {
        slug = try reader.read()
        title = try reader.read()
        date = try reader.read()
        summary = try reader.read()
        authors = try reader.read()
        commitmentIDs = try reader.read()
        milestoneIDs = try reader.read()
        tags = try reader.read()
        body = try reader.read()
        origin = try reader.read()
    }
}

extension Page: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(slug)
        writer.write(title)
        writer.write(menu)
        writer.write(body)
        writer.write(origin)
    }

    init(from reader: inout CacheReader) throws {
        slug = try reader.read()
        title = try reader.read()
        menu = try reader.read()
        body = try reader.read()
        origin = try reader.read()
    }
}
