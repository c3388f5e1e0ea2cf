import Foundation

/// The Markdown body of a content file and of its translations. Only where each is, and a
/// fingerprint, is held: the text is read again when a page or the JSON needs it, since on a large
/// site the bodies are most of the model's memory (32 MB of 38 MB of text at 10,000 files).
public struct MarkdownSource: Hashable, Sendable {
    struct File: Hashable, Sendable {
        let path: String
        let fingerprint: UInt64
    }

    let base: File
    let translations: [String: File]

    init(_ group: DocumentGroup) {
        base = File(path: group.document.file.displayPath, fingerprint: Fingerprint.of(group.document.body))
        translations = group.translations.mapValues {
            File(path: $0.file.displayPath, fingerprint: Fingerprint.of($0.body))
        }
    }

    /// The default language's text.
    func base(log: DiagnosticLog) -> String { Self.read(base, log: log) }

    /// The text in `language`: the translation's body when there is a translation file, else the
    /// default language's.
    func text(_ language: String, log: DiagnosticLog) -> String {
        Self.read(translations[language] ?? base, log: log)
    }

    /// The translation's own body, nil without a translation file.
    func translation(_ language: String, log: DiagnosticLog) -> String? {
        translations[language].map { Self.read($0, log: log) }
    }

    /// The body as loaded; a file changed or removed since is an error (the build is not published).
    private static func read(_ file: File, log: DiagnosticLog) -> String {
        if let text = FileBytes.text(file.path),
           case let .success(split) = FrontMatterSplit.split(text), Fingerprint.of(split.body) == file.fingerprint {
            return split.body
        }
        log.error(SourceLocation(file: file.path), "file changed while the site was being built: build again")
        return ""
    }
}
