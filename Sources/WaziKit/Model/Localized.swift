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
    private enum CodingKeys: String, CodingKey { case base, languages, texts }

    /// Translations as two lists (the build cache's binary form has no dictionaries, see `BinaryCoder`).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let languages = translations.keys.sorted()
        try container.encode(base, forKey: .base)
        try container.encode(languages, forKey: .languages)
        try container.encode(languages.map { translations[$0] ?? "" }, forKey: .texts)
    }

    public init(from decoder: Decoder) throws {
        // In the order written: the binary form reads fields in turn.
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let base = try container.decode(String.self, forKey: .base)
        let languages = try container.decode([String].self, forKey: .languages)
        let texts = try container.decode([String].self, forKey: .texts)
        guard languages.count == texts.count else {
            throw DecodingError.dataCorruptedError(forKey: .texts, in: container, debugDescription: "one text per language")
        }
        self.init(base, translations: Dictionary(zip(languages, texts)) { first, _ in first })
    }
}
