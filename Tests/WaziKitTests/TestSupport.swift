import Foundation
import XCTest
@testable import WaziKit

/// The package's root folder, from this file's place in it.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

let exampleContent = packageRoot + "/content"
let defaultTheme = packageRoot + "/templates"
let exampleAsOf = Day(year: 2026, month: 11, day: 27)!

/// A fresh temporary folder, removed when the test ends.
func temporaryFolder(_ test: XCTestCase) throws -> String {
    let path = NSTemporaryDirectory() + "wazi-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// A copy of the shipped example to break in a test.
func copyOfExample(_ test: XCTestCase) throws -> String {
    let folder = try temporaryFolder(test) + "/content"
    try FileManager.default.copyItem(atPath: exampleContent, toPath: folder)
    return folder
}

func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                            withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

/// Replaces the first occurrence of `old` in a file, failing the test if it is not there.
func edit(_ path: String, replacing old: String, with new: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let text = try read(path)
    guard let range = text.range(of: old) else {
        XCTFail("'\(old)' not found in \(path)", file: file, line: line)
        return
    }
    try write(text.replacingCharacters(in: range, with: new), to: path)
}

func options(content: String = exampleContent, templates: String = defaultTheme, output: String,
             asOf: Day = exampleAsOf, threads: Int = 2) -> BuildOptions {
    BuildOptions(content: content, templates: templates, output: output, load: LoadOptions(asOf: asOf), threads: threads)
}

/// Every file below `root`, relative path → bytes.
func tree(_ root: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    let fm = FileManager.default
    for path in try fm.subpathsOfDirectory(atPath: root) {
        var dir: ObjCBool = false
        if fm.fileExists(atPath: root + "/" + path, isDirectory: &dir), !dir.boolValue {
            out[path] = fm.contents(atPath: root + "/" + path)
        }
    }
    return out
}

/// Diagnostics as printed, for assertions on file, line and words.
func printed(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(\.description).joined(separator: "\n")
}

/// Each of `specials` after 0 to 17 letters, then `gaps` letters (and, `endingWithIt`, the special
/// again): so that it falls at every place in and across an eight-byte word and at the ends, for
/// code that scans eight bytes at a time.
func placedAtEveryPlaceInAWord(_ specials: [String], gaps: [Int], endingWithIt: Bool) -> [String] {
    specials.flatMap { special in
        (0...17).flatMap { before in
            gaps.map { after in
                String(repeating: "a", count: before) + special + String(repeating: "b", count: after) + (endingWithIt ? special : "")
            }
        }
    }
}

/// `lstat` of `path` (a link is not followed), which must succeed.
func fileStatus(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> stat {
    var info = stat()
    XCTAssertEqual(lstat(path, &info), 0, path, file: file, line: line)
    return info
}
