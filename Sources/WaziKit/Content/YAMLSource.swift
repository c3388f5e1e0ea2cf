import Foundation
import Yams

/// YAML text from a content file, composed into nodes that remember their positions.
public struct YAMLSource {
    /// The path printed in diagnostics.
    public let path: String
    /// Lines of the file before the YAML's first line.
    public let lineOffset: Int

    public init(path: String, lineOffset: Int = 0) {
        self.path = path
        self.lineOffset = lineOffset
    }

    public func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(file: path) }
        return SourceLocation(file: path, line: mark.line + lineOffset, column: mark.column)
    }

    public var start: SourceLocation { SourceLocation(file: path) }

    /// Composes `yaml`; a syntax error becomes a diagnostic at the parser's position.
    public func compose(_ yaml: String, log: DiagnosticLog) -> Node? {
        if let tab = firstIndentingTab(yaml) {
            log.error(SourceLocation(file: path, line: tab.line + lineOffset, column: tab.column),
                      "YAML does not allow a tab for indentation; use spaces")
            return nil
        }
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            report(error, log: log)
        } catch {
            log.error(start, "cannot read YAML: \(error)")
        }
        return nil
    }

    private func report(_ error: YamlError, log: DiagnosticLog) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            log.error(location(mark), "YAML syntax error: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            log.error(location(context.mark), "duplicate key '\(duplicates.joined(separator: "', '"))' in YAML mapping")
        case let .reader(problem, _, _, _):
            log.error(start, "cannot read YAML: \(problem)")
        default:
            log.error(start, "cannot read YAML: \(error)")
        }
    }

    /// libyaml's message for a tab is cryptic; find the first tab used as indentation ourselves.
    private func firstIndentingTab(_ yaml: String) -> (line: Int, column: Int)? {
        var line = 1
        for text in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            var column = 1
            for character in text {
                if character == "\t" { return (line, column) }
                if character != " " && character != "-" { break }
                column += 1
            }
            line += 1
        }
        return nil
    }
}
