import Mustache

/// One view-model value as the templates see it (made by `ViewEncoder`): text already escaped for
/// HTML (or markup wazi made itself), a number, a flag, named values, or a list. A closed set of
/// cases, so that rendering switches over them instead of casting `Any` to protocols.
enum ViewValue: @unchecked Sendable {
    case text(String)
    /// Markup as UTF-8 (rendered Markdown, rows): a text made of it would be validated again.
    case markup([UInt8])
    case number(Int)
    case flag(Bool)
    case node(ViewNode)
    case list([ViewValue])

    /// The value as swift-mustache's own renderer takes it (`Theme` falls back to it for templates
    /// `CompiledTemplate` does not handle).
    var any: Any {
        switch self {
        case let .text(text): return text
        case let .markup(bytes): return String(decoding: bytes, as: UTF8.self)
        case let .number(number): return number
        case let .flag(flag): return flag
        case let .node(node): return node
        case let .list(items): return items.map(\.any)
        }
    }

    /// A view model's String as `ViewEncoder` makes every String: escaped for HTML.
    static func escaped(_ text: String) -> ViewValue { .text(HTML.escape(text)) }
}

/// Named view-model values. Never changed once made, so it may be shared between threads.
final class ViewNode: MustacheParent, @unchecked Sendable {
    private enum Storage {
        case table([String: ViewValue])
        /// A struct's fields in the order it encoded them: for a few names, built once and read a few
        /// times, searching a list costs less than hashing into a dictionary. A repeated name: the last.
        case list(names: [String], values: [ViewValue])
        /// A page's root: the first layer that has the name answers.
        case layers([ViewNode])
    }

    private let storage: Storage

    init(_ fields: [String: ViewValue]) { storage = .table(fields) }
    init(names: [String], values: [ViewValue]) { storage = .list(names: names, values: values) }
    init(layers: [ViewNode]) { storage = .layers(layers) }

    func value(named name: String) -> ViewValue? {
        switch storage {
        case let .table(fields): return fields[name]
        case let .list(names, values):
            // Lengths first: most names a lookup passes differ in length, and comparing two lengths
            // costs less than a call to compare two strings.
            let length = name.utf8.count
            var index = names.endIndex
            while index > names.startIndex {
                index -= 1
                if names[index].utf8.count == length, names[index] == name { return values[index] }
            }
            return nil
        case let .layers(layers):
            for layer in layers {
                if let value = layer.value(named: name) { return value }
            }
            return nil
        }
    }

    /// The names and values, in order (a table's sorted by name), for tests to compare nodes.
    var entries: [(name: String, value: ViewValue)] {
        switch storage {
        case let .table(fields): return fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        case let .list(names, values): return Array(zip(names, values))
        case let .layers(layers): return layers.flatMap(\.entries)
        }
    }

    /// For swift-mustache's renderer.
    func child(named name: String) -> Any? { value(named: name)?.any }
}
