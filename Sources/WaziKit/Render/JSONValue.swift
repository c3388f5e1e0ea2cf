import Foundation

/// A JSON document written the same way every time: keys sorted, two-space indent,
/// `null` kept, slashes not escaped, numbers as given.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number already formatted (e.g. `0.1667`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// The value of a table cell: lists become arrays, empty cells `null`.
    init(_ value: DataValue) {
        switch value {
        case let .text(text): self = .string(text)
        case let .integer(n): self = .int(n)
        case let .number(x): self = .number(DataValue.decimal(x))
        case let .boolean(b): self = .bool(b)
        case let .date(day): self = .string(day.iso)
        case let .list(items): self = .array(items.map(JSONValue.string))
        case .null: self = .null
        }
    }

    /// Pretty-printed text with a final newline.
    public var text: String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    /// For JSON-LD inside `<script>`: one line, and `<`, `>`, `&` escaped so `</script>` cannot close it.
    public var scriptSafeText: String {
        var out = ""
        write(into: &out, indent: nil)
        return out.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    private func write(into out: inout String, indent: String?) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(n): out += String(n)
        case let .number(text): out += text
        case let .string(s): Self.quote(s, into: &out)
        case let .array(items):
            guard !items.isEmpty else { out += "[]"; return }
            let inner = indent.map { $0 + "  " }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if let inner { out += "\n" + inner }
                item.write(into: &out, indent: inner)
            }
            if let indent { out += "\n" + indent }
            out += "]"
        case let .object(members):
            guard !members.isEmpty else { out += "{}"; return }
            let inner = indent.map { $0 + "  " }
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                if let inner { out += "\n" + inner }
                Self.quote(key, into: &out)
                out += indent == nil ? ":" : ": "
                members[key]?.write(into: &out, indent: inner)
            }
            if let indent { out += "\n" + indent }
            out += "}"
        }
    }

    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
