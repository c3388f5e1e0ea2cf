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
    /// A document with nothing in it (only comments or blank lines) is an empty mapping,
    /// so that its missing keys are reported rather than the file silently skipped.
    nonisolated(unsafe) private static let constructor = Constructor.default

    public func compose(_ yaml: String, log: DiagnosticLog) -> Node? {
        do {
            // No tag resolution: wazi reads every scalar as text and types it itself (so `2025-06`
            // keeps its precision), and Yams' regex resolver was a third of a large site's build.
            // UTF-8 named explicitly: Yams' default reads the whole process environment on every parse.
            // One constructor for all: every node's tag keeps it, and a new one per file was 10 MB at 10,000 files.
            return try Yams.compose(yaml: yaml, .basic, Self.constructor, .utf8) ?? Node.mapping(Node.Mapping([]))
        } catch let error as YamlError {
            // libyaml's message for a tab is cryptic; name it when a tab indents the line it stops at.
            if let line = errorLine(error), let column = indentingTab(yaml, line: line) {
                log.error(SourceLocation(file: path, line: line + lineOffset, column: column),
                          "YAML does not allow a tab for indentation; use spaces")
            } else {
                report(error, log: log)
            }
        } catch {
            log.error(start, "cannot read YAML: \(error)")
        }
        return nil
    }

    private func report(_ error: YamlError, log: DiagnosticLog) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { context in
                let at = location(context.mark)
                return "\(problem) (\(context.text) that starts at line \(at.line), column \(at.column))"
            } ?? problem
            log.error(location(mark), "YAML syntax error: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            log.error(location(context.mark), "duplicate key '\(duplicates.joined(separator: "', '"))' in YAML mapping")
        case let .reader(problem, offset, _, yaml):
            log.error(offset.map { location(characterOffset: $0, in: yaml) } ?? start, "cannot read YAML: \(problem)")
        default:
            log.error(start, "cannot read YAML: \(error)")
        }
    }

    /// The line and column of a character offset into `yaml` (libyaml's reader reports offsets).
    private func location(characterOffset offset: Int, in yaml: String) -> SourceLocation {
        var line = 1, column = 1
        for character in yaml.prefix(offset) {
            if character.isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: path, line: line + lineOffset, column: column)
    }

    /// The line of the YAML (not of the file) where the scanner or parser stopped.
    private func errorLine(_ error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _): return mark.line
        default: return nil
        }
    }

    /// The column of a tab used as indentation on `line` of the YAML, if any.
    private func indentingTab(_ yaml: String, line: Int) -> Int? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        var column = 1
        for character in lines[line - 1] {
            if character == "\t" { return column }
            if character != " " && character != "-" { return nil }
            column += 1
        }
        return nil
    }
}
