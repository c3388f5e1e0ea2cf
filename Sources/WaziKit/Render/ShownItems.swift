/// Every item a page can show, numbered for `SiteRenderer.Job.dependencies`: the commitments, the
/// milestones (in site order), the meetings and the notes, then the pages of the long lists.
/// Numbers, not keys: at 10,000 pages, making a key per item a page shows, and looking each up,
/// was most of planning a rebuild.
struct ShownItems: Sendable {
    /// Where each commitment's milestones start in the site's order of milestones.
    private let milestoneStarts: [Int]
    let firstMilestone: Int
    let firstMeeting: Int
    let firstNote: Int
    let firstList: Int
    /// The long lists' pages by route (see `SiteRenderer.listFingerprints`), in the order of their numbers.
    let listRoutes: [String]
    private let listNumbers: [String: Int]
    let count: Int

    init(_ site: Site, listRoutes: [String]) {
        var starts: [Int] = []
        starts.reserveCapacity(site.commitments.count)
        var milestones = 0
        for commitment in site.commitments {
            starts.append(milestones)
            milestones += commitment.milestones.count
        }
        milestoneStarts = starts
        firstMilestone = site.commitments.count
        firstMeeting = firstMilestone + milestones
        firstNote = firstMeeting + site.meetings.count
        let firstList = firstNote + site.notes.count
        self.firstList = firstList
        self.listRoutes = listRoutes
        listNumbers = Dictionary(listRoutes.enumerated().map { ($1, firstList + $0) }) { first, _ in first }
        count = firstList + listRoutes.count
    }

    func commitment(_ index: Int) -> Int32 { Int32(index) }

    /// The milestone `index` of commitment `commitment` (both places in the model).
    func milestone(_ commitment: Int, _ index: Int) -> Int32 { Int32(firstMilestone + milestoneStarts[commitment] + index) }

    func meeting(_ index: Int) -> Int32 { Int32(firstMeeting + index) }

    func note(_ index: Int) -> Int32 { Int32(firstNote + index) }

    /// The list page at `route`; nil for a route that is not one of the lists.
    func list(_ route: String) -> Int32? { listNumbers[route].map(Int32.init) }

    /// The commitments and milestones named by id (a meeting's or a note's); nil when one is not in
    /// the site (such a page is always rendered again).
    func references(_ commitments: [String], _ milestones: [String], in site: Site) -> [Int32]? {
        var numbers: [Int32] = []
        numbers.reserveCapacity(commitments.count + milestones.count)
        for id in commitments {
            guard let index = site.relations.commitmentIndex[id] else { return nil }
            numbers.append(commitment(index))
        }
        for id in milestones {
            guard let (c, m) = site.relations.milestoneIndex[id] else { return nil }
            numbers.append(milestone(c, m))
        }
        return numbers
    }

    /// Each item's fingerprint, by number: of what it is (its kind and id, or the list's route) and
    /// of its files' fingerprints (for a list, of the items it lists: `lists`, in `listRoutes` order).
    func fingerprints(_ site: Site, lists: [UInt64]) -> [UInt64] {
        var prints: [UInt64] = []
        prints.reserveCapacity(count)
        func item(_ kind: String, _ id: String, _ print: UInt64) -> UInt64 {
            var item = Fingerprint()
            item.add(kind)
            item.add(id)
            item.add(print)
            return item.value
        }
        for commitment in site.commitments { prints.append(item("commitment", commitment.id, commitment.origin.fingerprint)) }
        for commitment in site.commitments {
            for milestone in commitment.milestones { prints.append(item("milestone", milestone.id, milestone.origin.fingerprint)) }
        }
        for meeting in site.meetings { prints.append(item("meeting", meeting.slug, meeting.origin.fingerprint)) }
        for note in site.notes { prints.append(item("note", note.slug, note.origin.fingerprint)) }
        for (route, print) in zip(listRoutes, lists) { prints.append(item("list", route, print)) }
        return prints
    }
}
