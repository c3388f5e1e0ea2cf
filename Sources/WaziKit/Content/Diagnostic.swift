import Foundation

/// A place in a content file, 1-based, as editors count lines and columns.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in the content, printed as `path:line:column: error: message`.
public struct Diagnostic: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let location: SourceLocation
    public let message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public var description: String {
        "\(location.file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.severity.rawValue, a.message) < (b.location, b.severity.rawValue, b.message)
    }
}

extension Array where Element == Diagnostic {
    /// These diagnostics and `more`, sorted: merged in one pass when these are sorted already (what
    /// loading reported, hundreds of them on a large plan, were sorted again for each few added,
    /// several times on the path a rebuild waits on). `unique`: without repeats, as a set would be.
    func sorted(adding more: [Diagnostic], unique: Bool = false) -> [Diagnostic] {
        guard zip(self, dropFirst()).allSatisfy({ !($1 < $0) }) else {
            return unique ? Set(self + more).sorted() : (self + more).sorted()
        }
        let added = more.sorted()
        var merged: [Diagnostic] = []
        merged.reserveCapacity(count + added.count)
        var (i, j) = (startIndex, added.startIndex)
        while i < endIndex || j < added.endIndex {
            let next: Diagnostic
            if j == added.endIndex || (i < endIndex && !(added[j] < self[i])) {
                next = self[i]
                i += 1
            } else {
                next = added[j]
                j += 1
            }
            if !unique || merged.last != next { merged.append(next) }
        }
        return merged
    }
}

/// Collects diagnostics while one stage reads one piece of content.
/// Safe to share between the threads that read files in parallel; the order of arrival does
/// not matter, since diagnostics are sorted before they are printed.
public final class DiagnosticLog: @unchecked Sendable {
    private var stored: [Diagnostic] = []
    private let lock = NSLock()

    public init() {}

    public var items: [Diagnostic] { lock.withLock { stored } }

    public func error(_ location: SourceLocation, _ message: String) {
        append(contentsOf: [Diagnostic(.error, location, message)])
    }

    public func warning(_ location: SourceLocation, _ message: String) {
        append(contentsOf: [Diagnostic(.warning, location, message)])
    }

    public func append(contentsOf other: [Diagnostic]) {
        // Most files report nothing: no lock for them (the loading threads contended for it).
        guard !other.isEmpty else { return }
        lock.withLock { stored.append(contentsOf: other) }
    }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
}

/// A build that cannot go on: every problem, sorted by path and line.
public struct ContentErrors: Error, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
