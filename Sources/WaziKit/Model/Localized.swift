/// A text field in the default language with its translations (`<name>.<lang>.md`).
public struct Localized: Hashable, Sendable, Codable {
    public let base: String
    public let translations: [String: String]

    public init(_ base: String, translations: [String: String] = [:]) {
        self.base = base
        self.translations = translations
    }

    /// The text in `language`, or the default language's when not translated.
    public func text(_ language: String) -> String { translations[language] ?? base }

    public func isTranslated(into language: String) -> Bool { translations[language] != nil }
}

extension Localized {
    private enum CodingKeys: String, CodingKey { case base, translations }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(base, forKey: .base)
        try container.encode(KeyedList(translations), forKey: .translations)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(String.self, forKey: .base),
                  translations: try container.decode(KeyedList<String>.self, forKey: .translations).dictionary)
    }
}
