import Foundation
import Yams

/// A Markdown file read and split: its front matter's fields and its body.
struct SourceDocument {
    let file: ContentFile
    let fields: Fields
    /// Fingerprint of the body (see `MarkdownSource`): the text itself is read again when needed.
    let bodyFingerprint: UInt64
    /// Fingerprint of the file's text, for the incremental build cache.
    let fingerprint: UInt64
}

/// A default-language document with its translations, keyed by language.
struct DocumentGroup {
    let document: SourceDocument
    var translations: [String: SourceDocument] = [:]

    var origin: Origin {
        var print = Fingerprint(document.fingerprint)
        for language in translations.keys.sorted() {
            print.add(language)
            print.add(translations[language]?.fingerprint ?? 0)
        }
        return Origin(path: document.file.displayPath, translations: Set(translations.keys), fingerprint: print.value)
    }

    /// A text key in every language: the default file's value and each translation's.
    func localized(_ key: String, _ base: String) -> Localized {
        var values: [String: String] = [:]
        for (language, translation) in translations {
            if let text = translation.fields.text(key) { values[language] = text }
        }
        return Localized(base, translations: values)
    }

    /// Where the body is in every language (see `MarkdownSource`).
    func bodySource() -> MarkdownSource { MarkdownSource(self) }
}

enum DocumentReader {
    /// The text keys a translation may set, per kind (SPEC §2.7).
    static func textKeys(_ kind: ContentKind) -> [String] {
        switch kind {
        case .commitment: return ["title", "short_title"]
        case .note: return ["title", "summary"]
        case .milestone, .meeting, .page: return ["title"]
        }
    }

    /// A default-language file and its translations, grouped by path before anything is read.
    struct FileGroup: Sendable {
        let file: ContentFile
        var translations: [String: ContentFile] = [:]
    }

    /// Groups every Markdown file with its translations, sorted by path; reports translations that
    /// belong nowhere (a language not declared, the default language, a missing original).
    static func groups(_ tree: ContentTree, languages: [String], log: DiagnosticLog) -> [FileGroup] {
        var groups = tree.markdown.compactMap { $0.language == nil ? FileGroup(file: $0) : nil }
        let translations = tree.markdown.filter { $0.language != nil }
        if !translations.isEmpty {
            var place: [String: Int] = [:]
            place.reserveCapacity(groups.count)
            for (index, group) in groups.enumerated() { place[group.file.relativePath] = index }
            let declared = Set(languages.dropFirst())
            for file in translations {
                guard let language = file.language else { continue }
                let at = SourceLocation(file: file.displayPath)
                if language == languages.first {
                    log.error(at, "'\(language)' is the default language: its text belongs in \(tree.display(file.basePath))")
                } else if !declared.contains(language) {
                    log.error(at, "translation into '\(language)', which site.yaml does not declare (languages: \(languages.joined(separator: ", ")))")
                } else if let index = place[file.basePath] {
                    groups[index].translations[language] = file
                } else {
                    log.error(at, "translation of \(tree.display(file.basePath)), which does not exist")
                }
            }
        }
        // The tree lists folders in name order, which is nearly always the order of the paths too:
        // checked in one pass, sorted only when it is not (sorting 10,000 paths was most of this).
        if !zip(groups, groups.dropFirst()).allSatisfy({ $0.file.relativePath < $1.file.relativePath }) {
            groups.sort { $0.file.relativePath < $1.file.relativePath }
        }
        return groups
    }

    /// Reads a group's files; nil when the default-language file cannot be read (its errors are logged).
    static func read(_ group: FileGroup, files: Set<String>, log: DiagnosticLog) -> DocumentGroup? {
        var translations: [String: SourceDocument] = [:]
        for (language, file) in group.translations {
            translations[language] = readOne(file, files: files, log: log)
        }
        guard let document = readOne(group.file, files: files, log: log) else { return nil }
        for translation in translations.values {
            checkTranslationKeys(translation, defaultPath: group.file.displayPath)
        }
        return DocumentGroup(document: document, translations: translations)
    }

    private static func readOne(_ file: ContentFile, files: Set<String>, log: DiagnosticLog) -> SourceDocument? {
        guard let bytes = readUTF8(file.displayPath, display: file.displayPath, log: log) else { return nil }
        let at = SourceLocation(file: file.displayPath)
        if isBlank(utf8: bytes) {
            log.error(at, "file is empty: it needs front matter between '---' lines")
            return nil
        }
        // Split on the bytes when they need no normalising: the whole file made a text (validated
        // again) only to be split was a share of loading.
        let yaml: String?, bodyFingerprint: UInt64
        if let fast = FrontMatterSplit.split(utf8: bytes) {
            yaml = fast.yaml
            bodyFingerprint = Fingerprint.of(utf8: bytes[fast.body...])
        } else {
            switch FrontMatterSplit.split(String(decoding: bytes, as: UTF8.self)) {
            case let .success(split):
                yaml = split.yaml
                bodyFingerprint = Fingerprint.of(split.body)
            case .failure(.missing):
                log.error(at, "no front matter: the file must start with a '---' line, then YAML keys, then '---'")
                return nil
            case .failure(.unterminated):
                log.error(at, "front matter is not closed: add a '---' line after the YAML keys")
                return nil
            }
        }
        let source = YAMLSource(path: file.displayPath, lineOffset: 1)
        guard let yaml, let node = source.compose(yaml, log: log) else { return nil }
        // Blank or comments only; a translation may translate just the body.
        if file.language == nil, case let .mapping(mapping) = node, mapping.isEmpty {
            log.error(at, "front matter is empty: a \(file.kind.rawValue) needs \(requiredKeys(file.kind))")
            return nil
        }
        guard let fields = Fields(node, source: source, log: log, subject: file.language == nil
                                    ? "\(file.kind.rawValue) front matter" : "translation front matter", files: files)
        else { return nil }
        return SourceDocument(file: file, fields: fields, bodyFingerprint: bodyFingerprint,
                              fingerprint: Fingerprint.of(utf8: bytes[...]))
    }

    static func requiredKeys(_ kind: ContentKind) -> String {
        switch kind {
        case .commitment: return "id, title, start, end and institutions"
        case .milestone: return "number, title, start, end and status"
        case .meeting: return "title, date and body"
        case .note: return "title and date"
        case .page: return "title"
        }
    }

    private static func checkTranslationKeys(_ translation: SourceDocument, defaultPath: String) {
        let kind = translation.file.kind
        let allowed = textKeys(kind)
        let structured = Set(ContentDecoder.keys(kind))
        for key in translation.fields.keys where !allowed.contains(key) {
            if structured.contains(key) {
                translation.fields.log.error(translation.fields.location(of: key),
                    "a translation may set only \(allowed.joined(separator: ", ")) and the body; '\(key)' comes from \(defaultPath)")
            }
        }
        translation.fields.rejectUnknownKeys(allowed: Array(structured.union(allowed)).sorted())
    }
}

/// Only white space (and a BOM), by Unicode's white-space property, stopping at the first visible character.
func isBlank(_ text: String) -> Bool {
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
        if !(scalar.properties.isWhitespace || scalar == "\u{FEFF}") { return false }
    }
    return true
}

/// `isBlank` of UTF-8 bytes: ASCII white space is skipped, the first visible ASCII character
/// answers, and anything else is decided on the text.
func isBlank(utf8 bytes: [UInt8]) -> Bool {
    for byte in bytes where !(byte == 0x20 || (0x09...0x0D).contains(byte)) {
        return byte < 0x80 ? false : isBlank(String(decoding: bytes, as: UTF8.self))
    }
    return true
}
