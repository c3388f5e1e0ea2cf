import XCTest
@testable import WaziKit

/// Key pages of the example compared byte for byte with files under Golden/.
/// Run with WAZI_RECORD=1 to write them anew after an intended change, then review the diff.
final class GoldenTests: XCTestCase {
    static let pages = [
        "index.html",
        "commitments/kenms0005/index.html",
        "commitments/kenms0005/milestones/2/index.html",
        "fr/commitments/kenms0005/index.html",
        "meetings/index.html",
        "meetings/2025-09-18-steering-committee-inaugural-meeting/index.html",
    ]

    func testKeyPagesMatchGoldenFiles() throws {
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(output: output))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics))
        for page in Self.pages {
            let actual = try XCTUnwrap(FileManager.default.contents(atPath: output + "/" + page), page)
            assertGolden(actual, named: page.replacingOccurrences(of: "/", with: "__"))
        }
    }
}

/// Compares bytes with `Tests/WaziKitTests/Golden/<name>`; WAZI_RECORD=1 rewrites the file instead.
func assertGolden(_ actual: Data, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let path = packageRoot + "/Tests/WaziKitTests/Golden/" + name
    if ProcessInfo.processInfo.environment["WAZI_RECORD"] == "1" {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: path, contents: actual)
        return
    }
    guard let expected = FileManager.default.contents(atPath: path) else {
        XCTFail("no golden file \(path); run with WAZI_RECORD=1 to record it", file: file, line: line)
        return
    }
    if expected != actual {
        let a = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
        let where_ = first.map { "line \($0.offset + 1):\n- \($0.element.0)\n+ \($0.element.1)" } ?? "length differs"
        XCTFail("\(name) differs from its golden file at \(where_)", file: file, line: line)
    }
}
