/// Escaping for the XML that wazi writes by hand (Atom, sitemap): content is free text from
/// Markdown and YAML, so anything can arrive, and one stray control character makes the whole
/// document ill-formed for every reader.
enum XMLText {
    /// Character data: the five markup characters become entities, characters XML 1.0 forbids are dropped.
    /// CR is written as `&#13;` because parsers turn a literal CR into LF.
    static func escape(_ text: String) -> String {
        // Most text (every URL) is printable ASCII with nothing to escape.
        let plain = !text.containsUTF8Byte { byte in
            !(byte >= 0x20 && byte < 0x7F && byte != 0x26 && byte != 0x3C && byte != 0x3E && byte != 0x22 && byte != 0x27)
        }
        if plain { return text }
        // On the UTF-8 bytes: scalar by scalar, escaping the feeds' summaries was a fifth of the
        // feed's work. Multi-byte sequences are copied whole, except U+FFFE and U+FFFF (EF BF BE/BF).
        var out: [UInt8] = []
        var text = text
        text.withUTF8 { bytes in
            out.reserveCapacity(bytes.count + 16)
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                case 0x26: out += "&amp;".utf8
                case 0x3C: out += "&lt;".utf8
                case 0x3E: out += "&gt;".utf8
                case 0x22: out += "&quot;".utf8
                case 0x27: out += "&apos;".utf8
                case 0x0D: out += "&#13;".utf8
                case 0x09, 0x0A: out.append(byte)
                case 0..<0x20: break
                case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE:
                    i += 2
                default: out.append(byte)
                }
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An attribute value (for `"`-quoted attributes): as `escape`, and tab and LF as character
    /// references, since attribute-value normalisation would otherwise turn them into spaces.
    static func attribute(_ text: String) -> String {
        escape(text).replacingAll("\t", with: "&#9;").replacingAll("\n", with: "&#10;")
    }
}
