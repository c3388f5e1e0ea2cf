/// The open-data tables: one definition per table is the single source of truth for the CSV
/// columns, the Table Schemas, the JSON Schema and the data dictionary page.
public struct DataTable: Sendable {
    /// File name without `.csv`, and the entity's key in `wazi.json`.
    public let name: String
    public let title: String
    public let description: String
    public let columns: [DataColumn]
    public let primaryKey: [String]
    public let foreignKeys: [DataForeignKey]
}

public struct DataForeignKey: Sendable, Equatable {
    public let fields: [String]
    public let table: String
    public let referencedFields: [String]
}

/// One column: its name, type, meaning and allowed values.
public struct DataColumn: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case string, integer, number, boolean, date
        /// Several text values, joined with `; ` in CSV, an array in JSON.
        case list
    }

    public let name: String
    public let kind: Kind
    public let description: String
    /// Codes allowed (for a list, for each item).
    public let allowed: [String]
    /// A regular expression the text must match (e.g. a month-or-day date).
    public let pattern: String?
    /// Never empty.
    public let required: Bool
    public let minimum: Double?
    public let maximum: Double?

    init(_ name: String, _ kind: Kind, _ description: String, allowed: [String] = [], pattern: String? = nil,
         required: Bool = false, minimum: Double? = nil, maximum: Double? = nil) {
        self.name = name
        self.kind = kind
        self.description = description
        self.allowed = allowed
        self.pattern = pattern
        self.required = required
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Text a spreadsheet could mistake for a formula: only these columns are neutralised for Excel.
    public var isText: Bool { kind == .string || kind == .list }
}

/// A cell value, typed, from which both CSV text and JSON are written.
public enum DataValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    /// A decimal already rounded, written the same in CSV and JSON.
    case number(Double)
    case boolean(Bool)
    case date(Day)
    case list([String])
    case null

    static func optional(_ text: String?) -> DataValue { text.map(DataValue.text) ?? .null }
    static func optional(_ day: Day?) -> DataValue { day.map(DataValue.date) ?? .null }

    /// The CSV cell: ISO dates, `true`/`false`, lists joined with `; `, empty for null.
    public var csv: String {
        switch self {
        case let .text(text): return text
        case let .integer(n): return String(n)
        case let .number(x): return Self.decimal(x)
        case let .boolean(b): return b ? "true" : "false"
        case let .date(day): return day.iso
        case let .list(items): return items.joined(separator: "; ")
        case .null: return ""
        }
    }

    /// Shortest plain decimal for a value rounded to 4 places: `0.1667`, `0.5`, `1`.
    static func decimal(_ x: Double) -> String {
        let scaled = (x * 10_000).rounded()
        let whole = Int(scaled) / 10_000
        var fraction = String(abs(Int(scaled)) % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = scaled < 0 && whole == 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}

/// A row of a table: one value per column, by name.
public typealias DataRow = [String: DataValue]
