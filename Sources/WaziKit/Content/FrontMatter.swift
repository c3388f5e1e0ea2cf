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

    /// Splits `text`; a UTF-8 BOM and CRLF line ends are accepted.
    public static func split(_ text: String) -> Result<FrontMatterSplit, Problem> {
        var source = Substring(text)
        if source.hasPrefix("\u{FEFF}") { source = source.dropFirst() }
        let normalised = source.contains("\r") ? source.replacingOccurrences(of: "\r\n", with: "\n") : String(source)
        var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else { return .failure(.missing) }
        lines = lines.dropFirst()
        var yamlLines: [Substring] = []
        var lineNumber = 1
        while let line = lines.first {
            lines = lines.dropFirst()
            lineNumber += 1
            let trimmed = line.trimmingTrailingSpaces()
            if trimmed == "---" || trimmed == "..." {
                var body = lines.joined(separator: "\n")
                var bodyLine = lineNumber + 1
                while body.hasPrefix("\n") {
                    body.removeFirst()
                    bodyLine += 1
                }
                return .success(FrontMatterSplit(
                    yaml: yamlLines.joined(separator: "\n") + "\n", lineOffset: 1, body: body, bodyLine: bodyLine))
            }
            yamlLines.append(line)
        }
        return .failure(.unterminated)
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}

