/// A text field in the default language with its translations (`<name>.<lang>.md`).
public struct Localized: Hashable, Sendable {
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
