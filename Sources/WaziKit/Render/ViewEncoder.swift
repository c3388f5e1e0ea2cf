/// Turns a view model into what templates read (`ViewValue`) as its compiler-generated Encodable
/// conformance makes it: no reflection, and every String HTML-escaped on the way, so templates escape
/// by default while only `RawHTML` (markup wazi made itself) passes as it is. The layout, page contents
/// and rows make theirs directly (`viewValue`); the conformance stays the reference tests compare with.
final class ViewEncoder: Encoder {
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    @exclusivity(unchecked) private var fields: Fields?
    @exclusivity(unchecked) private var items: Items?
    @exclusivity(unchecked) private var single: ViewValue?

    /// The template value of `value`.
    static func convert<T: Encodable>(_ value: T) -> ViewValue? {
        // The layout and the page contents (and rows), made directly (see `ViewModels+Values.swift`):
        // through the generic calls below they were nearly all the encoding. Picked by type identity:
        // a dynamic cast per value was a large share of building view models.
        if T.self == Chrome.self, let model = value as? Chrome { return model.viewValue }
        if T.self == MilestoneContent.self, let model = value as? MilestoneContent { return model.viewValue }
        if T.self == MilestoneRow.self, let model = value as? MilestoneRow { return model.viewValue }
        if T.self == CommitmentContent.self, let model = value as? CommitmentContent { return model.viewValue }
        if T.self == MeetingContent.self, let model = value as? MeetingContent { return model.viewValue }
        if T.self == MilestoneListContent.self, let model = value as? MilestoneListContent { return model.viewValue }
        if T.self == InstitutionContent.self, let model = value as? InstitutionContent { return model.viewValue }
        if T.self == NoteContent.self, let model = value as? NoteContent { return model.viewValue }
        if T.self == MeetingRow.self, let model = value as? MeetingRow { return model.viewValue }
        if T.self == NoteRow.self, let model = value as? NoteRow { return model.viewValue }
        if T.self == CommitmentRow.self, let model = value as? CommitmentRow { return model.viewValue }
        if T.self == MainNav.self, let model = value as? MainNav { return model.viewValue }
        if T.self == HomeContent.self, let model = value as? HomeContent { return model.viewValue }
        if T.self == MeetingsContent.self, let model = value as? MeetingsContent { return model.viewValue }
        if T.self == CommitmentsContent.self, let model = value as? CommitmentsContent { return model.viewValue }
        if T.self == NotesContent.self, let model = value as? NotesContent { return model.viewValue }
        return field(value)
    }

    /// The template value of `value` inside a value made through its conformance. The models `convert`
    /// makes directly are not looked for here: they make what they hold directly, and no model made
    /// through its conformance holds one. So `encoded` stays the conformance's own value.
    static func field<T: Encodable>(_ value: T) -> ViewValue? {
        // By type identity first: a dynamic cast per value was a large share of building view models.
        if T.self == String.self, let text = value as? String { return .text(HTML.escape(text)) }
        if T.self == RawHTML.self, let raw = value as? RawHTML { return raw.viewValue }
        if T.self == Bool.self, let flag = value as? Bool { return .flag(flag) }
        if T.self == Int.self, let number = value as? Int { return .number(number) }
        return encoded(value)
    }

    /// The template value of `value` through its `Encodable` conformance.
    static func encoded<T: Encodable>(_ value: T) -> ViewValue? {
        let encoder = ViewEncoder()
        try? value.encode(to: encoder)
        if let fields = encoder.fields { return fields.value }
        if let items = encoder.items { return items.value }
        return encoder.single
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box = fields ?? Fields()
        fields = box
        return KeyedEncodingContainer(Keyed<Key>(box: box))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let box = items ?? Items()
        items = box
        return Unkeyed(box: box)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(encoder: self) }

    // The boxes are written only by the encoder that made them, on one thread: their lists skip the
    // runtime's exclusivity checks, which were a sixth of the encoding.
    final class Fields {
        @exclusivity(unchecked) var names: [String] = []
        @exclusivity(unchecked) var values: [ViewValue] = []
        /// Room for a typical view model's fields from the start: growing both lists field by field
        /// was a large share of the encoding.
        init() {
            names.reserveCapacity(8)
            values.reserveCapacity(8)
        }
        func set(_ name: String, _ value: ViewValue) {
            names.append(name)
            values.append(value)
        }
        /// Nested containers (no synthesized conformance makes them), filled after they are placed.
        var nested: [(place: Int, box: Nested)] = []
        func set(_ name: String, _ box: Nested) {
            nested.append((values.count, box))
            set(name, .flag(false))
        }
        var value: ViewValue {
            for (place, box) in nested { values[place] = box.value }
            return .node(ViewNode(names: names, values: values))
        }
    }
    final class Items {
        @exclusivity(unchecked) var values: [ViewValue] = []
        var nested: [(place: Int, box: Nested)] = []
        func append(_ box: Nested) {
            nested.append((values.count, box))
            values.append(.flag(false))
        }
        var value: ViewValue {
            for (place, box) in nested { values[place] = box.value }
            return .list(values)
        }
    }
    enum Nested {
        case fields(Fields)
        case items(Items)
        var value: ViewValue {
            switch self {
            case let .fields(fields): return fields.value
            case let .items(items): return items.value
            }
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: Fields
        var codingPath: [CodingKey] = []
        mutating func encodeNil(forKey key: Key) throws {}
        // The common cases without the generic path's dynamic casts.
        mutating func encode(_ value: String, forKey key: Key) throws { box.set(key.stringValue, .text(HTML.escape(value))) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { box.set(key.stringValue, .flag(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { box.set(key.stringValue, .number(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let converted = ViewEncoder.field(value) { box.set(key.stringValue, converted) }
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey> {
            let nested = Fields()
            box.set(key.stringValue, .fields(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(box: nested))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let nested = Items()
            box.set(key.stringValue, .items(nested))
            return Unkeyed(box: nested)
        }
        mutating func superEncoder() -> Encoder { ViewEncoder() }
        mutating func superEncoder(forKey key: Key) -> Encoder { ViewEncoder() }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let box: Items
        var codingPath: [CodingKey] = []
        var count: Int { box.values.count }
        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws {
            if let converted = ViewEncoder.field(value) { box.values.append(converted) }
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = Fields()
            box.append(.fields(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(box: nested))
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let nested = Items()
            box.append(.items(nested))
            return Unkeyed(box: nested)
        }
        mutating func superEncoder() -> Encoder { ViewEncoder() }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: ViewEncoder
        var codingPath: [CodingKey] = []
        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws { encoder.single = ViewEncoder.field(value) }
    }
}
