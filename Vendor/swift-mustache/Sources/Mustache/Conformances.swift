//
// wazi patch (see PATCHES.md): not part of swift-mustache 2.1.1.
//

import Foundation

/// Which protocols the types met in one render conform to. swift-mustache asks this of every value
/// it looks up or renders as a section, and a cast through `Any` that fails costs many times a
/// dictionary lookup. A render runs on one thread, so each render keeps its own.
final class MustacheConformances {
    struct Facts: OptionSet {
        let rawValue: UInt8
        static let customRepresentation = Facts(rawValue: 1)
        static let sequence = Facts(rawValue: 2)
        static let customRenderable = Facts(rawValue: 4)
        /// An optional: what a cast finds depends on whether it holds a value, so it is never remembered.
        static let optional = Facts(rawValue: 8)
        static let parent = Facts(rawValue: 16)
    }

    /// The types met so far and their facts, searched in order: a render meets a handful of types,
    /// and comparing a few identifiers costs less than hashing one. One render, one thread: the
    /// runtime's exclusivity checks on each access cost more than the search.
    @exclusivity(unchecked) private var known: [(type: ObjectIdentifier, facts: Facts)] = []
    /// What the renders of the same library learnt before (a row or a page is one render each).
    private let shared: MustacheSharedConformances?

    init(shared: MustacheSharedConformances? = nil) {
        self.shared = shared
    }

    /// The protocols `value`'s type conforms to; for an optional, the value's.
    func facts(_ value: Any) -> Facts {
        let type = ObjectIdentifier(Swift.type(of: value))
        for entry in known where entry.type == type {
            if entry.facts.contains(.optional) { return Self.cast(value).union(.optional) }
            return entry.facts
        }
        if let facts = shared?.facts(type) {
            known.append((type, facts))
            return facts.contains(.optional) ? Self.cast(value).union(.optional) : facts
        }
        var facts = Self.cast(value)
        if Swift.type(of: value) is AnyOptional.Type { facts.insert(.optional) }
        known.append((type, facts))
        shared?.remember(type, facts)
        return facts
    }

    private static func cast(_ value: Any) -> Facts {
        var facts: Facts = []
        if value is MustacheCustomRepresentation { facts.insert(.customRepresentation) }
        if value is any MustacheSequence { facts.insert(.sequence) }
        if value is MustacheCustomRenderable { facts.insert(.customRenderable) }
        if value is MustacheParent { facts.insert(.parent) }
        return facts
    }
}

extension MustacheConformances {
    /// `object` as a `MustacheParent`, without the cast when its type is known not to be one (a
    /// failed protocol cast costs as much as one that succeeds).
    func parent(_ object: Any) -> MustacheParent? {
        facts(object).contains(.parent) ? object as? MustacheParent : nil
    }
}

/// The facts of the types a library's renders met, for the renders after them, on any thread: a
/// render that learnt each of its types anew cast each value's type to four protocols.
final class MustacheSharedConformances: @unchecked Sendable {
    private var known: [ObjectIdentifier: MustacheConformances.Facts] = [:]
    private let lock = NSLock()

    func facts(_ type: ObjectIdentifier) -> MustacheConformances.Facts? {
        lock.lock()
        defer { lock.unlock() }
        return known[type]
    }

    func remember(_ type: ObjectIdentifier, _ facts: MustacheConformances.Facts) {
        lock.lock()
        defer { lock.unlock() }
        known[type] = facts
    }
}
