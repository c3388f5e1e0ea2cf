import XCTest
@testable import WaziKit

final class FileBytesTests: XCTestCase {
    func testReadsWholeFilesOfAnySize() throws {
        let folder = try temporaryFolder(self)
        for size in [0, 1, 4095, 4096, 4097, 1 << 20] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let path = folder + "/f\(size)"
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            XCTAssertEqual(FileBytes.read(path), bytes, "size \(size)")
        }
    }

    func testMissingFilesAndFoldersAreNotRead() throws {
        let folder = try temporaryFolder(self)
        XCTAssertNil(FileBytes.read(folder + "/missing"))
        XCTAssertNil(FileBytes.read(folder))
    }

    func testTextIsNilForInvalidUTF8() throws {
        let folder = try temporaryFolder(self)
        FileManager.default.createFile(atPath: folder + "/ok", contents: Data("Habari, café".utf8))
        FileManager.default.createFile(atPath: folder + "/bad", contents: Data([0x61, 0xFF, 0x62]))
        XCTAssertEqual(FileBytes.text(folder + "/ok"), "Habari, café")
        XCTAssertNil(FileBytes.text(folder + "/bad"))
    }
}
