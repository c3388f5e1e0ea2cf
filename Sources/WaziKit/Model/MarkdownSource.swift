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
        base = File(path: group.document.file.displayPath, fingerprint: group.document.bodyFingerprint)
        translations = group.translations.mapValues { File(path: $0.file.displayPath, fingerprint: $0.bodyFingerprint) }
    }

    /// The default language's text as UTF-8.
    func baseUTF8(log: DiagnosticLog) -> [UInt8] { Self.readUTF8(base, log: log) }

    /// The text in `language` as UTF-8: the translation's body when there is a translation file, else
    /// the default language's.
    func textUTF8(_ language: String, log: DiagnosticLog) -> [UInt8] {
        Self.readUTF8(translations[language] ?? base, log: log)
    }

    /// The translation's own body as UTF-8, nil without a translation file.
    func translationUTF8(_ language: String, log: DiagnosticLog) -> [UInt8]? {
        translations[language].map { Self.readUTF8($0, log: log) }
    }

    /// The default language's text.
    func base(log: DiagnosticLog) -> String { String(decoding: baseUTF8(log: log), as: UTF8.self) }

    /// The translation's own body, nil without a translation file.
    func translation(_ language: String, log: DiagnosticLog) -> String? {
        translationUTF8(language, log: log).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The body's bytes as loaded; a file changed or removed since is an error (the build is not
    /// published). When the file needs no normalising, they are the file's own bytes after the front
    /// matter, not validated as UTF-8 again: loading validated them, and the fingerprint says they are
    /// the same bytes (validating every body twice more was 2 % of a build).
    private static func readUTF8(_ file: File, log: DiagnosticLog) -> [UInt8] {
        if let bytes = FileBytes.read(file.path) {
            if let start = FrontMatterSplit.bodyOffset(bytes) {
                if Fingerprint.of(utf8: bytes[start...]) == file.fingerprint { return Array(bytes[start...]) }
            } else if let text = String(validating: bytes, as: UTF8.self), case let .success(split) = FrontMatterSplit.split(text),
                      Fingerprint.of(split.body) == file.fingerprint {
                // A byte-order mark or CR line ends: the body as loading normalised it.
                return Array(split.body.utf8)
            }
        }
        log.error(SourceLocation(file: file.path), "file changed while the site was being built: build again")
        return []
    }
}
