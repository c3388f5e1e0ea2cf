import Foundation
import XCTest
@testable import WaziKit

final class PublishTests: XCTestCase {
    func testAFailedBuildLeavesThePreviousSiteAsItWas() throws {
        let content = try copyOfExample(self)
        let output = try temporaryFolder(self) + "/site"
        XCTAssertEqual(Build.run(options(content: content, output: output)).errors, 0)
        let before = try tree(output)
        try edit(content + "/commitments/KENMS0005/milestones/1-operationalisation-nccg-ogp-steering-committee.md",
                 replacing: "status: complete", with: "status: finished")
        let report = Build.run(options(content: content, output: output))
        XCTAssertGreaterThan(report.errors, 0)
        XCTAssertEqual(try tree(output), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (output as NSString).deletingLastPathComponent)
        XCTAssertEqual(leftovers, ["site"], "no staging folder is left behind")
    }

    func testASuccessfulBuildRemovesFilesThatNoLongerBelong() throws {
        let content = try copyOfExample(self)
        let output = try temporaryFolder(self) + "/site"
        try write("stale", to: output + "/old/page.html")
        XCTAssertEqual(Build.run(options(content: content, output: output)).errors, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output + "/old/page.html"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output + "/index.html"))
    }

    /// The command line: a content error exits 1 with `path:line:column: error:`, usage errors exit 2.
    func testCommandLineExitCodes() throws {
        let binary = packageRoot + "/.build/debug/wazi"
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "swift test builds the wazi executable")
        let content = try copyOfExample(self)
        try edit(content + "/site.yaml", replacing: "member:", with: "membre:")
        let output = try temporaryFolder(self) + "/site"
        let bad = try run(binary, ["build", "--content", content, "--output", output, "--as-of", "2026-11-27"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains(content + "/site.yaml:1:1: error: missing required key 'member'"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains(content + "/site.yaml:"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("unknown key 'membre' in site.yaml; did you mean 'member'?"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        XCTAssertEqual(try run(binary, ["build", "--as-of", "tomorrow"]).status, 2)
        XCTAssertEqual(try run(binary, ["frobnicate"]).status, 2)
        let good = try run(binary, ["check", "--content", exampleContent, "--templates", defaultTheme, "--as-of", "2026-11-27"])
        XCTAssertEqual(good.status, 0, good.stderr)
    }

    private func run(_ binary: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
