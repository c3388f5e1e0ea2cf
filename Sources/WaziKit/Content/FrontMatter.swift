import Foundation

/// A Markdown file split into its YAML front matter and its body.
public struct FrontMatterSplit: Sendable, Equatable {
    /// The YAML between the `---` lines, or nil when the file has none.
    public let yaml: String?
    /// Lines before the YAML's first line: add to a YAML line to get the file's line.
    public let lineOffset: Int
    /// The Markdown after the closing `---`.
    public let body: String
    /// Line of the file where the body starts.
    public let bodyLine: Int

    public enum Problem: Error, Equatable {
        case missing, unterminated
    }

    /// Splits `text`; a UTF-8 BOM and CRLF (or CR) line ends are accepted.
    /// Finds the fences in UTF-8 bytes (Foundation's string searches are slow on Linux, and this runs
    /// per file) and slices `text` there, so the text is not validated again.
    public static func split(_ text: String) -> Result<FrontMatterSplit, Problem> {
        var text = text
        // On the String's own bytes, with memchr: UTF8View.contains costs fifty times as much.
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        if text.withUTF8({ $0.starts(with: bom) || hasCarriageReturn($0) }) {
            var bytes = Array(text.utf8)
            if bytes.starts(with: bom) { bytes.removeFirst(3) }
            text = String(decoding: normaliseLineEnds(bytes), as: UTF8.self)
        }
        return text.withUTF8(locate).map { fences in
            let utf8 = text.utf8
            let at = { (offset: Int) in utf8.index(utf8.startIndex, offsetBy: offset) }
            let yaml = String(text[at(fences.yaml.lowerBound)..<at(fences.yaml.upperBound)])
            return FrontMatterSplit(yaml: yaml.isEmpty ? "\n" : yaml, lineOffset: 1,
                                    body: String(text[at(fences.body)...]), bodyLine: fences.bodyLine)
        }
    }

    /// `split` on a file's bytes when they need no normalising (no byte-order mark, no carriage
    /// return) and have front matter: the YAML as text (`lineOffset` 1) and where the body starts,
    /// without making the whole file a text. Nil otherwise (then `split` the text).
    static func split(utf8 bytes: [UInt8]) -> (yaml: String, body: Int)? {
        bytes.withUnsafeBufferPointer { buffer in
            guard !buffer.starts(with: [0xEF, 0xBB, 0xBF]), !hasCarriageReturn(buffer),
                  case let .success(fences) = locate(buffer) else { return nil }
            let yaml = String(decoding: UnsafeBufferPointer(rebasing: buffer[fences.yaml]), as: UTF8.self)
            return (yaml.isEmpty ? "\n" : yaml, fences.body)
        }
    }

    /// Where the body starts in a file's bytes, when they need no normalising (no byte-order mark, no
    /// carriage return) and have front matter: what `split` makes `body` from, without the text.
    static func bodyOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard !buffer.starts(with: [0xEF, 0xBB, 0xBF]), !hasCarriageReturn(buffer),
                  case let .success(fences) = locate(buffer) else { return nil }
            return fences.body
        }
    }

    private static func hasCarriageReturn(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, 0x0D, bytes.count) != nil
    }

    /// Byte offsets of the YAML and of the body (after the blank lines that follow the closing fence).
    private static func locate(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<(yaml: Range<Int>, body: Int, bodyLine: Int), Problem> {
        var lineStart = 0
        var lineNumber = 0
        var yamlStart = -1
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            lineNumber += 1
            let isFence = isFenceLine(bytes[lineStart..<lineEnd], closing: yamlStart >= 0)
            if yamlStart < 0 {
                guard isFence else { return .failure(.missing) }
                yamlStart = lineEnd + 1
            } else if isFence {
                var bodyStart = min(lineEnd + 1, bytes.count)
                var bodyLine = lineNumber + 1
                while bodyStart < bytes.count, bytes[bodyStart] == 0x0A {
                    bodyStart += 1
                    bodyLine += 1
                }
                return .success((min(yamlStart, lineStart)..<lineStart, bodyStart, bodyLine))
            }
            if lineEnd == bytes.count { break }
            lineStart = lineEnd + 1
        }
        return .failure(.unterminated)
    }

    /// `---` (or `...` to close), with trailing spaces or tabs allowed.
    private static func isFenceLine(_ line: Slice<UnsafeBufferPointer<UInt8>>, closing: Bool) -> Bool {
        var end = line.endIndex
        while end > line.startIndex, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        let trimmed = line[line.startIndex..<end]
        return trimmed.elementsEqual([0x2D, 0x2D, 0x2D]) || (closing && trimmed.elementsEqual([0x2E, 0x2E, 0x2E]))
    }

    /// CRLF and lone CR become LF.
    private static func normaliseLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return out
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}

