import XCTest
@testable import WaziKit

/// A page's meta description: the body's text up to 200 characters (grapheme clusters, not bytes).
final class RenderedBodyTests: XCTestCase {
    func testExcerptKeepsUpTo200CharactersAndCutsLongerTexts() {
        let reference = { (text: String) in text.count <= 200 ? text : String(text.prefix(197)) + "…" }
        let samples = [
            "", "short", String(repeating: "a", count: 200), String(repeating: "a", count: 201),
            String(repeating: "é", count: 200), String(repeating: "é", count: 201), String(repeating: "👩🏽‍🌾", count: 199),
            String(repeating: "👩🏽‍🌾", count: 202), String(repeating: "e\u{301}", count: 150) + String(repeating: "x", count: 50),
            String(repeating: "e\u{301}", count: 150) + String(repeating: "x", count: 51), String(repeating: "word ", count: 300),
        ]
        for text in samples {
            XCTAssertEqual(RenderedBody.excerpt(of: text), reference(text), "\(text.count) characters")
        }
        XCTAssertEqual(RenderedBody.excerpt(of: String(repeating: "a", count: 201)).count, 198)
    }
}
