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

    /// Escapes are found eight bytes at a time: each character that needs one (and each that merely
    /// starts with the byte E2) is escaped as a plain character-by-character escaper would, wherever
    /// it falls in or across an eight-byte word, and at the ends.
    func testEscapesAtEveryPlaceInAWord() {
        func expected(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                case _ where scalar.value < 0x20: out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let specials = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "–", "’", "…", "é", "/", "<"]
        for text in placedAtEveryPlaceInAWord(specials, gaps: [0, 1, 7, 8, 9], endingWithIt: true) {
            let bytes = JSONValue.string(text).compactBytes
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), expected(text), text.debugDescription)
        }
        // A separator cut short at the end is no separator: its bytes stay as they are.
        XCTAssertEqual(JSONValue.utf8([0x61, 0xE2, 0x80]).compactBytes, [0x22, 0x61, 0xE2, 0x80, 0x22])
        XCTAssertEqual(JSONValue.utf8(Array(repeating: 0x61, count: 8) + [0xE2]).compactBytes,
                       [0x22] + Array(repeating: 0x61, count: 8) + [0xE2, 0x22])
    }
}
