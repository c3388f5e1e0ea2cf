import Foundation
import XCTest
@testable import WaziKit

/// JSON text as wazi writes it reads back as the same strings with a standard parser.
final class JSONValueTests: XCTestCase {
    func testEscapedStringsReadBackExactly() throws {
        let samples = ["plain", "quote \" and backslash \\ and slash /", "lines\nand\r\nbreaks\tand tab",
                       "controls \u{0}\u{1}\u{1F} end", "separators \u{2028} and \u{2029}", "dash – and “quotes” and …",
                       "\u{E2}", "emoji 🇰🇪 and Kiswahili: Uwazi", "\n", "", "ends with \u{2028}", "\u{2029}starts"]
        for sample in samples {
            let bytes = JSONValue.array([.string(sample)]).bytes
            let text = try XCTUnwrap(String(bytes: bytes, encoding: .utf8))
            XCTAssertFalse(text.contains("\u{2028}") || text.contains("\u{2029}"), "line separators are escaped")
            let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String]
            XCTAssertEqual(parsed, [sample], sample.debugDescription)
        }
    }
}
