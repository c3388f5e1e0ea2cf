import Foundation
import XCTest
@testable import WaziKit

/// SplitMix64: a tiny seeded generator, so that every run mutates the same way.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< n (0 when n is 0).
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Mutates front matter and Markdown of the example's files thousands of times: loading never
/// crashes, and a file that does not load always gets an error located in a real content file.
final class FuzzTests: XCTestCase {
    static let seed: UInt64 = 0x5741_5A49_2025_0001
    static let maxMutations = 3_000
    static let maxSeconds = 20.0

    /// YAML and Markdown metacharacters, odd whitespace and encodings.
    static let tokens: [[UInt8]] = {
        let texts = [":", "-", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "\t", ",", "?",
                     ": ", "- ", "? ", " #", "---", "...", "\n", "\r\n", "\r", " ", "    ", "\u{FEFF}", "\u{0}", "\u{7F}",
                     "\u{85}", "\u{2028}", "\u{202E}", "&a ", "*a", "!!str ", "!!int ", "!!binary ", "!<tag:x> ", "<<: ",
                     "~", "null", "\\", "\\u0000", "%YAML 1.2", "<script>", "](javascript:alert(1))", "é", "😀"]
        let invalidUTF8: [[UInt8]] = [[0xFF], [0xFE], [0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80],
                                      [0xF4, 0x90, 0x80, 0x80], [0xC3]]
        return texts.map { Array($0.utf8) } + invalidUTF8
    }()

    /// Values put after a key's colon.
    static let values: [String] = [
        "", "~", "[", "{", "[]", "{}", "\"unterminated", "'x", "|", ">", "*undefined", "&a x", "!!binary aGVsbG8=",
        "2025-13-45", "2025-02-30", "2025-6", "June 2025", "-1", "0", "99999999999999999999999", "1e9", "0x1F", "yes",
        "true", "maybe", "[a, [b, [c]]]", "{a: {b: c}}", "javascript:alert(1)", "data:text/html,x", "../../etc/passwd",
        "files/missing.pdf", "25:00", "\"14:00\"", "done", "government", "KENMS0005", "KENMS0005-9", "steering-committee",
        String(repeating: "x", count: 5_000), "- a\n- b", "a: b: c", "\"\\x\"", "'it''s'", "\"\\u00e9\"",
    ]

    func testMutatedContentNeverCrashesAndFailsWithALocatedError() throws {
        let root = try temporaryFolder(self) + "/content"
        let fm = FileManager.default
        let commitment = "commitments/KENMS0005"
        // A small site made of the example's own files: loading it takes a few milliseconds.
        for name in ["site.yaml", "bodies.yaml", commitment + "/index.md"] {
            try write(try read(exampleContent + "/" + name), to: root + "/" + name)
        }
        try fm.copyItem(atPath: exampleContent + "/files", toPath: root + "/files")
        for folder in [commitment + "/milestones", "meetings", "notes"] {
            try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        var corpus: [(path: String, bytes: [UInt8], installed: Bool)] = []
        for name in try fm.contentsOfDirectory(atPath: exampleContent + "/" + commitment + "/milestones").sorted()
        where name.split(separator: ".").count == 2 {
            let path = commitment + "/milestones/" + name
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: exampleContent + "/" + path)))
            try Data(bytes).write(to: URL(fileURLWithPath: root + "/" + path))
            corpus.append((path, bytes, true))
        }
        for folder in ["meetings", "notes"] {
            for name in try fm.contentsOfDirectory(atPath: exampleContent + "/" + folder).sorted()
            where name.split(separator: ".").count == 2 {
                let path = folder + "/" + name
                corpus.append((path, try [UInt8](Data(contentsOf: URL(fileURLWithPath: exampleContent + "/" + path))), false))
            }
        }
        corpus.append((commitment + "/index.md", try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/" + commitment + "/index.md"))), true))
        guard !corpus.isEmpty else { return XCTFail("no milestone or meeting files in the example") }
        XCTAssertGreaterThanOrEqual(corpus.filter { $0.path.contains("/milestones/") }.count, 6)
        XCTAssertGreaterThanOrEqual(corpus.filter { $0.path.hasPrefix("meetings/") }.count, 5)
        // If a mutation crashes the process, the file that did it is left in this folder.
        print("fuzzing in \(root) with seed \(String(Self.seed, radix: 16))")

        let options = LoadOptions(asOf: exampleAsOf)
        /// Writes `bytes` in place of the entry, loads the site and checks the result, then restores the entry.
        func load(_ entry: (path: String, bytes: [UInt8], installed: Bool), _ bytes: [UInt8]) throws
            -> (site: Site?, diagnostics: [Diagnostic], problem: String?) {
            let path = root + "/" + entry.path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer {
                if entry.installed {
                    try? Data(entry.bytes).write(to: URL(fileURLWithPath: path))
                } else {
                    try? fm.removeItem(atPath: path)
                }
            }
            let (site, diagnostics) = SiteLoader.load(content: root, options: options)
            return (site, diagnostics, check(site, diagnostics, root: root, mutated: path, bytes: bytes))
        }

        // Unmutated, every file loads without errors.
        for entry in corpus {
            let (site, diagnostics, problem) = try load(entry, entry.bytes)
            XCTAssertNotNil(site, "\(entry.path): " + printed(diagnostics.filter { $0.severity == .error }))
            XCTAssertNil(problem)
        }

        var random = SplitMix64(seed: Self.seed)
        let started = Date()
        var mutations = 0, loaded = 0, failed = 0
        while mutations < Self.maxMutations, Date().timeIntervalSince(started) < Self.maxSeconds {
            let entry = random.pick(corpus)
            var bytes = entry.bytes
            for _ in 0...random.below(3) { bytes = mutate(bytes, &random) }
            mutations += 1
            let (site, _, problem) = try load(entry, bytes)
            if let problem {
                XCTFail("mutation \(mutations) of \(entry.path): \(problem)\n--- mutated file ---\n"
                        + String(decoding: bytes.prefix(4_000), as: UTF8.self))
                break
            }
            if site == nil { failed += 1 } else { loaded += 1 }
        }
        print("fuzz: \(mutations) mutations in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(loaded) loaded, \(failed) rejected with located errors")
        XCTAssertGreaterThanOrEqual(mutations, 200, "too few mutations in the time allowed")
        XCTAssertGreaterThan(loaded, 0, "some mutations (of the body, say) still load")
        XCTAssertGreaterThan(failed, 0, "some mutations are rejected")
    }

    /// What is wrong with one load's result, or nil when it is as required.
    private func check(_ site: Site?, _ diagnostics: [Diagnostic], root: String, mutated: String, bytes: [UInt8]) -> String? {
        let errors = diagnostics.filter { $0.severity == .error }
        if site == nil && errors.isEmpty { return "no site and no error" }
        if site != nil && !errors.isEmpty { return "a site despite errors: " + printed(errors) }
        if diagnostics != diagnostics.sorted() { return "diagnostics are not sorted" }
        for diagnostic in diagnostics {
            let location = diagnostic.location
            guard location.file.hasPrefix(root + "/"), FileManager.default.fileExists(atPath: location.file) else {
                return "not located in a content file: \(diagnostic)"
            }
            guard location.line >= 1, location.column >= 1 else { return "line or column below 1: \(diagnostic)" }
            if location.file == mutated, location.line > Self.lineCount(bytes) + 1 {
                return "line \(location.line) is past the end of the file (\(Self.lineCount(bytes)) lines): \(diagnostic)"
            }
        }
        return nil
    }

    /// Lines as YAML counts them: LF, CR, CRLF, NEL, LS and PS all end a line.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1, i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x0A: lines += 1
            case 0x0D: lines += 1; if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0x85: lines += 1; i += 1
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                lines += 1; i += 2
            default: break
            }
            i += 1
        }
        return lines
    }

    /// One random change: lines deleted, duplicated, swapped or re-indented; tokens, bytes or values
    /// inserted; keys misspelt; line ends changed; the file truncated.
    private func mutate(_ input: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let joined = { (lines: [[UInt8]]) in Array(lines.joined(separator: [0x0A])) }
        // Most of the interest is in the front matter: aim there two times in three.
        let frontMatterEnd = max(1, (lines.dropFirst().firstIndex { $0 == Array("---".utf8) } ?? lines.count) + 1)
        let line = { (random: inout SplitMix64) -> Int in
            random.below(3) < 2 ? random.below(min(frontMatterEnd, lines.count)) : random.below(lines.count)
        }
        switch random.below(14) {
        case 0:
            let i = line(&random)
            lines.remove(at: i)
            return joined(lines)
        case 1:
            let i = line(&random)
            lines.insert(lines[i], at: i)
            return joined(lines)
        case 2:
            let i = line(&random), j = line(&random)
            lines.swapAt(i, j)
            return joined(lines)
        case 3, 4:
            let token = random.pick(Self.tokens)
            let at = random.below(bytes.count + 1)
            bytes.insert(contentsOf: token, at: at)
            return bytes
        case 5:
            let count = 1 + random.below(8)
            let at = random.below(bytes.count + 1)
            bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: at)
            return bytes
        case 6:
            guard !bytes.isEmpty else { return bytes }
            let at = random.below(bytes.count), byte = random.pick(Self.tokens).first ?? 0x20
            bytes[at] = byte
            return bytes
        case 7:
            return Array(bytes.prefix(random.below(bytes.count + 1)))
        case 8:
            // Replace the value of a `key: value` line.
            let i = line(&random)
            guard let colon = lines[i].firstIndex(of: UInt8(ascii: ":")) else { return joined(lines) }
            lines[i] = Array(lines[i][...colon]) + Array(" ".utf8) + Array(random.pick(Self.values).utf8)
            return joined(lines)
        case 9:
            // Misspell a key.
            let i = line(&random)
            guard let colon = lines[i].firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return joined(lines) }
            let at = random.below(colon), letter = UInt8(ascii: "a") + UInt8(random.below(26))
            lines[i][at] = letter
            return joined(lines)
        case 10:
            // Indent or dedent a line, with spaces or a tab.
            let i = line(&random)
            switch random.below(3) {
            case 0: lines[i].insert(contentsOf: Array("  ".utf8), at: 0)
            case 1: lines[i].insert(0x09, at: 0)
            default: if lines[i].first == 0x20 { lines[i].removeFirst() }
            }
            return joined(lines)
        case 11:
            // Change every line end.
            let end: [UInt8] = random.pick([[0x0D, 0x0A], [0x0D], [0x0A, 0x0A]])
            return Array(lines.joined(separator: end))
        case 12:
            // A byte order mark, or several, at the start.
            return Array("\u{FEFF}".utf8) + bytes
        default:
            // A front matter delimiter in a random place.
            let delimiter = Array(random.pick(["---", "...", "--- ", "----"]).utf8), at = random.below(lines.count + 1)
            lines.insert(delimiter, at: at)
            return joined(lines)
        }
    }
}
