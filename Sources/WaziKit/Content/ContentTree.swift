import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The kinds of Markdown file in `content/`, by folder.
public enum ContentKind: String, Sendable {
    case commitment, milestone, meeting, note, page
}

/// One Markdown file of the content folder.
public struct ContentFile: Sendable, Hashable {
    public let kind: ContentKind
    /// Path relative to the content folder, e.g. `commitments/KENMS0005/milestones/3-notes.fr.md`.
    public let relativePath: String
    /// Path as printed in diagnostics (content folder as given + relative path).
    public let displayPath: String
    /// The translation's language, nil for the default-language file.
    public let language: String?
    /// The name without `.md` and without the language: `3-notes`, `index`.
    public let stem: String
    /// Relative path of the default-language file this one belongs to.
    public let basePath: String
    /// The commitment folder for commitments and milestones.
    public let commitmentFolder: String?
}

/// What is in the content folder: found, classified and sorted, nothing read yet.
public struct ContentTree: Sendable {
    public let root: String
    public let markdown: [ContentFile]
    /// Paths under `files/`, relative to it, sorted.
    public let files: [String]

    public func display(_ relative: String) -> String {
        root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    /// Walks `root`, refusing symlinks that lead out of it and files in the wrong folder.
    public static func scan(_ root: String, log: DiagnosticLog) -> ContentTree {
        scan(root, log: log, listings: nil)
    }

    /// `listings`: folders (relative to the resolved root) already listed, as `FileTree.walk` gives
    /// them; the others are listed here (the stamps' walk of a rebuild has just listed every folder).
    static func scan(_ root: String, log: DiagnosticLog, listings: [String: [DirectoryListing.Entry]]?) -> ContentTree {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.error(SourceLocation(file: root), "content folder '\(root)' does not exist")
            return ContentTree(root: root, markdown: [], files: [])
        }
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        var markdown: [ContentFile] = []
        var files: [String] = []
        let display = { (relative: String) in root.hasSuffix("/") ? root + relative : root + "/" + relative }

        func visit(_ relative: String) {
            let full = relative.isEmpty ? realRoot : realRoot + "/" + relative
            // POSIX listing with kinds, not FileManager: it stats every entry (and attributesOfItem
            // reads /etc/passwd and /etc/group for owner names), a large share of loading a big site.
            let entries = listings?[relative] ?? DirectoryListing.entries(full)
            for (name, kind) in entries.sorted(by: { $0.name < $1.name }) where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : relative + "/" + name
                let absolute = realRoot + "/" + path
                var type: FileAttributeType? = switch kind {
                case .link: .typeSymbolicLink
                case .folder: .typeDirectory
                case .file: .typeRegular
                case .other: nil
                }
                if type == .typeSymbolicLink {
                    let target = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
                    var dir: ObjCBool = false
                    // A broken link is not resolved, so its own path would look inside: refuse it first.
                    guard target != absolute, fm.fileExists(atPath: target, isDirectory: &dir) else {
                        log.error(SourceLocation(file: display(path)), "symlink leads to nothing (its target does not exist); refused")
                        continue
                    }
                    guard target.hasPrefix(realRoot + "/") else {
                        log.error(SourceLocation(file: display(path)), "symlink leads outside the content folder; refused")
                        continue
                    }
                    type = dir.boolValue ? .typeDirectory : .typeRegular
                }
                if type == .typeDirectory {
                    visit(path)
                } else if path.hasPrefix("files/") {
                    if let problem = activeContentProblem(absolute, name: name) {
                        log.error(SourceLocation(file: display(path)), problem)
                    } else {
                        files.append(String(path.dropFirst("files/".count)))
                    }
                } else if path.hasSuffix(".md") {
                    if let file = classify(path, display: display(path)) {
                        markdown.append(file)
                    } else {
                        log.error(SourceLocation(file: display(path)), "Markdown file in the wrong folder: \(placementHint)")
                    }
                } else if !["site.yaml", "bodies.yaml"].contains(path), !name.hasSuffix("~") {
                    log.warning(SourceLocation(file: display(path)), "not part of the site (put documents under files/)")
                }
            }
        }
        visit("")
        return ContentTree(root: root, markdown: markdown, files: files)
    }

    static let placementHint =
        "expected commitments/<ID>/index.md, commitments/<ID>/milestones/<N>-<slug>.md, meetings/<date>-<slug>.md, notes/<slug>.md or pages/<slug>.md"

    /// Kind and language of a Markdown path, or nil when it is in no known place.
    static func classify(_ path: String, display: String) -> ContentFile? {
        // On UTF-8 offsets, texts made only for what is kept: this runs for every file, and
        // splitting the path into texts and joining them again was most of the tree scan.
        let bytes = Array(path.utf8)
        var slashes: [Int] = []
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "/") { slashes.append(offset) }
        // Two to four parts, none empty, the last a Markdown file's name.
        let bounds = [-1] + slashes + [bytes.count]
        guard (1...3).contains(slashes.count), zip(bounds, bounds.dropFirst()).allSatisfy({ $1 - $0 > 1 }),
              bytes.count - bounds[bounds.count - 2] > 4, bytes.suffix(3).elementsEqual(".md".utf8) else { return nil }
        func part(_ index: Int) -> String {
            String(decoding: bytes[(bounds[index] + 1)..<bounds[index + 1]], as: UTF8.self)
        }
        let folderEnd = bounds[bounds.count - 2]
        var stem = String(decoding: bytes[(folderEnd + 1)..<(bytes.count - 3)], as: UTF8.self)
        var language: String?
        if let dot = stem.utf8.lastIndex(of: UInt8(ascii: ".")), isLanguageCode(stem[stem.index(after: dot)...]) {
            language = String(stem[stem.index(after: dot)...])
            stem = String(stem[..<dot])
        }
        let base = String(decoding: bytes[..<folderEnd], as: UTF8.self) + "/" + stem + ".md"
        func file(_ kind: ContentKind, _ commitment: String? = nil) -> ContentFile {
            ContentFile(kind: kind, relativePath: path, displayPath: display, language: language, stem: stem,
                        basePath: base, commitmentFolder: commitment)
        }
        let first = part(0)
        switch slashes.count + 1 {
        case 2 where first == "meetings": return file(.meeting)
        case 2 where first == "notes": return file(.note)
        case 2 where first == "pages": return file(.page)
        case 3 where first == "commitments" && stem == "index": return file(.commitment, part(1))
        case 4 where first == "commitments" && part(2) == "milestones": return file(.milestone, part(1))
        default: return nil
        }
    }

    /// `fr`, `sw`, `pt-br`: two or three letters, optionally a region.
    static func isLanguageCode(_ s: Substring) -> Bool {
        let parts = s.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        let lower = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let upper = { (byte: UInt8) in byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        let digit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy(lower) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { lower($0) || upper($0) || digit($0) } }
    }
}

/// A file's bytes as text; invalid UTF-8 is reported at its line.
func readText(_ path: String, display: String, log: DiagnosticLog) -> String? {
    guard let bytes = readUTF8(path, display: display, log: log) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
}

/// A file's bytes, checked to be UTF-8; what cannot be read, or is not UTF-8, is reported (at the
/// line of the first byte that is not).
func readUTF8(_ path: String, display: String, log: DiagnosticLog) -> [UInt8]? {
    guard let bytes = FileBytes.read(path) else {
        log.error(SourceLocation(file: display), "cannot read file")
        return nil
    }
    if UTF8Check.isValid(bytes) { return bytes }
    // Locate the first invalid byte for the message.
    var line = 1, column = 1, i = 0
    while i < bytes.count {
        let b = bytes[i]
        let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
        if length == 0 || i + length > bytes.count || !bytes[(i + 1)..<(i + length)].allSatisfy({ $0 >> 6 == 0b10 })
            || String(bytes: bytes[i..<(i + length)], encoding: .utf8) == nil {
            break
        }
        if b == 0x0A { line += 1; column = 1 } else { column += 1 }
        i += length
    }
    log.error(SourceLocation(file: display, line: line, column: column), "file is not valid UTF-8 (byte \(i))")
    return nil
}

/// Documents are published as they are, on the site's own origin: a file a browser would run
/// (HTML, JavaScript, an SVG with script) could act for the site, so it is refused.
func activeContentProblem(_ path: String, name: String) -> String? {
    let lower = name.lowercased()
    let runnable = [".html", ".htm", ".xhtml", ".shtml", ".js", ".mjs", ".xml", ".xsl", ".swf"]
    if let ext = runnable.first(where: { lower.hasSuffix($0) }) {
        return "files/ may not hold \(ext) files: a browser would run them as part of the site (publish a PDF instead)"
    }
    guard lower.hasSuffix(".svg") || lower.hasSuffix(".svgz") else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let text = String(decoding: data, as: UTF8.self).lowercased()
    let risky = ["<script", "javascript:", "<foreignobject", "<iframe", "<embed", "<object"]
    if let found = risky.first(where: { text.contains($0) }) {
        return "SVG image contains '\(found)', which a browser would run; remove it or publish a PNG"
    }
    if text.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) != nil {
        return "SVG image has an event-handler attribute (on…=), which a browser would run; remove it or publish a PNG"
    }
    return nil
}
