import XCTest
@testable import WaziKit

/// The shipped example (KENMS0005) builds, shows every milestone, in every language, byte-identically.
final class ExampleSiteTests: XCTestCase {
    /// The seed's six milestones: French titles and start/end months, exactly.
    static let seedMilestones: [(title: String, start: String, end: String)] = [
        ("Mise en service d'un comité directeur du NCCG de l'OGP", "2025-06", "2027-05"),
        ("Création d'une unité OGP au sein du NCCG", "2025-07", "2026-03"),
        ("Élaborer des notes d’orientation pour chacun des domaines d’engagement afin de guider la prise de décision en matière de politique", "2025-08", "2026-08"),
        ("Réunions biannuelles du comité de pilotage multipartite", "2025-07", "2027-04"),
        ("Tenir des réunions trimestrielles des comités techniques des groupes pour examiner les progrès réalisés dans les étapes du plan d’action.", "2025-09", "2027-03"),
        ("Renforcement des capacités des acteurs de mise en œuvre pour renforcer la résilience dans le comté de Nairobi", "2025-08", "2027-08"),
    ]

    private func buildExample(threads: Int = 2) throws -> (String, BuildReport) {
        let output = try temporaryFolder(self) + "/site"
        let report = Build.run(options(output: output, threads: threads))
        XCTAssertEqual(report.errors, 0, printed(report.diagnostics))
        return (output, report)
    }

    func testExampleModelMatchesTheSeed() throws {
        let (site, diagnostics) = SiteLoader.load(content: exampleContent, options: LoadOptions(asOf: exampleAsOf))
        let s = try XCTUnwrap(site, printed(diagnostics))
        XCTAssertEqual(diagnostics.filter { $0.severity == .warning }.count, 0, printed(diagnostics))
        let commitment = try XCTUnwrap(s.commitment("KENMS0005"))
        XCTAssertEqual(commitment.start.iso, "2025-06")
        XCTAssertEqual(commitment.end.iso, "2027-11")
        XCTAssertEqual(commitment.institutions.count, 2)
        XCTAssertEqual(commitment.milestones.count, 6)
        for (milestone, seed) in zip(commitment.milestones, Self.seedMilestones) {
            XCTAssertEqual(milestone.title.text("fr"), seed.title)
            XCTAssertEqual(milestone.start.iso, seed.start)
            XCTAssertEqual(milestone.end.iso, seed.end)
        }
        XCTAssertTrue(s.config.languages.starts(with: ["en", "fr"]))
        XCTAssertTrue(s.meetings.contains { $0.type == .training })
        XCTAssertFalse(s.notes.isEmpty)
        XCTAssertEqual(Set(s.bodies.compactMap(\.cadence)), [.biannual, .quarterly])
    }

    func testCommitmentPageListsEveryMilestoneInEveryLanguage() throws {
        let (site, _) = try buildExample()
        let english = try read(site + "/commitments/kenms0005/index.html")
        let french = try read(site + "/fr/commitments/kenms0005/index.html")
        for (number, seed) in Self.seedMilestones.enumerated() {
            XCTAssertTrue(english.contains("href=\"../../commitments/kenms0005/milestones/\(number + 1)/\""))
            XCTAssertTrue(french.contains(seed.title.replacingOccurrences(of: "'", with: "&#39;")), "French page lacks: \(seed.title)")
            for language in ["", "fr/"] {
                XCTAssertTrue(FileManager.default.fileExists(
                    atPath: site + "/\(language)commitments/kenms0005/milestones/\(number + 1)/index.html"))
            }
        }
        XCTAssertTrue(english.contains("June 2025"))
        XCTAssertTrue(french.contains("juin 2025"))
        XCTAssertTrue(english.contains("class=\"badge status-complete\""))
        XCTAssertTrue(english.contains("<strong class=\"overdue\">"), "milestone 2 ended 2026-03 and is not complete")
    }

    func testTwoBuildsAreByteIdenticalOnAnyThreadCount() throws {
        let (first, _) = try buildExample(threads: 1)
        let (second, _) = try buildExample(threads: 8)
        let a = try tree(first), b = try tree(second)
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
        for (path, bytes) in a { XCTAssertEqual(bytes, b[path], path) }
        XCTAssertGreaterThan(a.count, 50)
    }

    func testFallbackPagesSayTheyAreInTheDefaultLanguage() throws {
        let (site, _) = try buildExample()
        // Milestone 3 has no Swahili translation: shown in English, marked so.
        let page = try read(site + "/sw/commitments/kenms0005/milestones/3/index.html")
        XCTAssertTrue(page.contains("<html lang=\"sw\">"))
        XCTAssertTrue(page.contains("<main id=\"content\" class=\"wrap\" lang=\"en\">"))
        XCTAssertTrue(page.contains("<p class=\"notice\" lang=\"sw\">"))
        let translated = try read(site + "/fr/commitments/kenms0005/milestones/3/index.html")
        XCTAssertFalse(translated.contains("class=\"notice\""))
    }

    func testAttendeeNamesAreNotPublishedByDefault() throws {
        let (site, _) = try buildExample()
        let all = try tree(site).values.compactMap { String(data: $0, encoding: .utf8) }.joined()
        XCTAssertFalse(all.contains("(example name)"), "names are published only with publish_attendee_names: true")
    }
}
