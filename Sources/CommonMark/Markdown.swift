import CCmarkGFM
import Foundation

/// Markdown to HTML through Debian's cmark-gfm: the only Swift code that touches its C pointers.
///
/// cmark-gfm 0.29.0.gfm.6 keeps its extension registry and inline special-character
/// table in process-global state, and two parses at once silently corrupt each other.
/// So extensions are registered once and every call into the library holds `lock`.
public enum Markdown {
    /// A heading of the document, in order, with the anchor its `<hN>` tag carries.
    public struct Heading: Equatable, Sendable {
        public let level: Int
        public let text: String
        public let anchor: String
    }

    public struct Rendered: Equatable, Sendable {
        /// The HTML as UTF-8: a text made of it would be validated again (see `html`).
        public let htmlUTF8: [UInt8]
        public var html: String { String(decoding: htmlUTF8, as: UTF8.self) }
        public let headings: [Heading]
        /// The first paragraphs as plain text (about 300 characters; for summaries), whitespace collapsed.
        public let plainText: String
    }

    public struct Options: Hashable, Sendable {
        /// Keep raw HTML and every link scheme (site.yaml `allow_html: true`).
        public var allowHTML: Bool
        /// Prefix that turns a root-relative link (`/data/`) into one relative to the page (`../data/`).
        public var rootPrefix: String
        public init(allowHTML: Bool = false, rootPrefix: String = "/") {
            self.allowHTML = allowHTML
            self.rootPrefix = rootPrefix
        }
    }

    /// The one lock that serialises every call into cmark-gfm.
    private static let lock = NSLock()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    nonisolated(unsafe) private static var registered = false

    public static func render(_ markdown: String, options: Options = Options()) -> Rendered {
        render(utf8: Array(markdown.utf8), options: options)
    }

    /// Renders Markdown given as UTF-8 (cmark-gfm reads bytes; the caller vouches they are UTF-8).
    public static func render(utf8 markdown: [UInt8], options: Options = Options()) -> Rendered {
        var bytes = markdown
        // Only the calls into cmark-gfm hold the lock; the Swift work on their results does not.
        let (html, headingTexts, plain): ([UInt8], [(Int, String)], String) = lock.withLock {
            if !registered {
                cmark_gfm_core_extensions_ensure_registered()
                registered = true
            }
            // No CMARK_OPT_VALIDATE_UTF8: a Swift String is valid UTF-8 already, and checking again
            // was a tenth of cmark's parse.
            var flags = CMARK_OPT_FOOTNOTES | CMARK_OPT_GITHUB_PRE_LANG
            if options.allowHTML { flags |= CMARK_OPT_UNSAFE }
            guard let parser = cmark_parser_new(flags) else { return ([], [], "") }
            defer { cmark_parser_free(parser) }
            for name in extensionNames {
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }
            bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
            guard let root = cmark_parser_finish(parser) else { return ([], [], "") }
            defer { cmark_node_free(root) }
            let (headingTexts, plain) = walk(root, rootPrefix: options.rootPrefix)
            let extensions = cmark_parser_get_syntax_extensions(parser)
            return (takeBytes(cmark_render_html(root, flags, extensions)), headingTexts, plain)
        }
        let headings = anchors(for: headingTexts)
        return Rendered(htmlUTF8: addHeadingIDs(html, headings), headings: headings, plainText: collapseWhitespace(plain))
    }

    /// Collects headings and the first paragraphs' text, and rewrites root-relative link and image URLs.
    private static func walk(_ root: OpaquePointer, rootPrefix: String) -> ([(Int, String)], String) {
        var headings: [(Int, String)] = []
        var excerpt = ""
        guard let iter = cmark_iter_new(root) else { return (headings, excerpt) }
        defer { cmark_iter_free(iter) }
        var event = cmark_iter_next(iter)
        while event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) {
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_HEADING {
                    headings.append((Int(cmark_node_get_heading_level(node)), text(of: node)))
                } else if type == CMARK_NODE_PARAGRAPH, excerpt.utf8.count < 300 {
                    excerpt += text(of: node) + " "
                } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, rootPrefix != "/" {
                    let url = String(cString: cmark_node_get_url(node))
                    if url.hasPrefix("/"), !url.hasPrefix("//") {
                        _ = cmark_node_set_url(node, rootPrefix + url.dropFirst())
                    }
                }
            }
            event = cmark_iter_next(iter)
        }
        return (headings, excerpt)
    }

    private static func text(of node: OpaquePointer) -> String {
        var out = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(current) {
                out += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                out += " "
            } else {
                out += text(of: current)
            }
            child = cmark_node_next(current)
        }
        return out
    }

    /// The bytes of a string cmark-gfm allocated, which is then freed. Kept as bytes: the heading
    /// anchors go in before the HTML becomes a String, validated once.
    private static func takeBytes(_ pointer: UnsafeMutablePointer<CChar>?) -> [UInt8] {
        guard let pointer else { return [] }
        defer { free(pointer) }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: strlen(pointer)) {
            Array(UnsafeBufferPointer(start: $0, count: strlen(pointer)))
        }
    }

    /// GitHub-style anchors: lower case, letters, digits and hyphens; repeats get `-1`, `-2`.
    static func anchors(for headings: [(Int, String)]) -> [Heading] {
        var seen: [String: Int] = [:]
        return headings.map { level, text in
            var slug = asciiSlug(text) ?? ""
            if slug.isEmpty {
                for scalar in text.lowercased().unicodeScalars {
                    if isAlphanumeric(scalar) || scalar == "-" || scalar == "_" {
                        slug.unicodeScalars.append(scalar)
                    } else if scalar == " " {
                        slug += "-"
                    }
                }
            }
            if slug.isEmpty { slug = "section" }
            let base = slug
            if let count = seen[base] {
                slug = "\(base)-\(count)"
                seen[base] = count + 1
            } else {
                seen[base] = 1
            }
            return Heading(level: level, text: trimmed(text), anchor: slug)
        }
    }

    /// The anchor of an all-ASCII heading, byte by byte (most headings; the Unicode path costs
    /// twenty times as much); nil for any other.
    private static func asciiSlug(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
            case 0x80...: return nil
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` without leading and trailing spaces and tabs (what `.whitespaces` trims in a heading's
    /// text, which has no line breaks), without Foundation's CharacterSet.
    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || ($0.isWhitespace && !$0.isNewline) }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }

    /// Letters, marks and digits of any script: Foundation's `CharacterSet.alphanumerics`, without
    /// its cost on Linux.
    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// cmark writes headings as bare `<hN>`; give each the anchor of its heading, in order.
    /// Scans bytes: Foundation's string search is slow on Linux and this runs for every page.
    private static func addHeadingIDs(_ bytes: [UInt8], _ headings: [Heading]) -> [UInt8] {
        guard !headings.isEmpty else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + headings.count * 24)
        var position = 0
        for heading in headings {
            let tag = Array("<h\(heading.level)>".utf8)
            guard let start = find(tag, in: bytes, from: position) else { break }
            out += bytes[position..<start]
            out += Array("<h\(heading.level) id=\"\(heading.anchor)\">".utf8)
            position = start + tag.count
        }
        out += bytes[position...]
        return out
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { bytes in
            var i = start
            while let at = bytes[i...(bytes.count - needle.count)].firstIndex(of: first) {
                if bytes[at..<(at + needle.count)].elementsEqual(needle) { return at }
                i = at + 1
                if i > bytes.count - needle.count { return nil }
            }
            return nil
        }
    }

    /// Runs of white space become one space; none at either end.
    private static func collapseWhitespace(_ text: String) -> String {
        var text = text
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        text.withUTF8 { bytes in
            for byte in bytes {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    out.append(byte)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
