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
}
