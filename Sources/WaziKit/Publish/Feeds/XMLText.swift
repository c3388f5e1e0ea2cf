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
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An attribute value (for `"`-quoted attributes): as `escape`, and tab and LF as character
    /// references, since attribute-value normalisation would otherwise turn them into spaces.
    static func attribute(_ text: String) -> String {
        escape(text).replacingAll("\t", with: "&#9;").replacingAll("\n", with: "&#10;")
    }

    /// XML 1.0 `Char`: tab, LF, CR, and U+0020 upwards except surrogates (Swift has none) and U+FFFE/U+FFFF.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xFFFD: return true
        case 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
