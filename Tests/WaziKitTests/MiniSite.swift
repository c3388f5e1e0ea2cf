import Foundation
import XCTest
@testable import WaziKit

/// A small content folder written by a test: one commitment, milestones and meetings as given.
struct MiniSite {
    let root: String

    init(_ test: XCTestCase, languages: String = "[en]") throws {
        root = try temporaryFolder(test) + "/content"
        try write("""
            title: Test plan
            base_url: https://example.org/plan
            languages: \(languages)
            member: Testland
            action_plan: {id: T-1, title: Test action plan, start: 2025-01, end: 2026-12}
            """, to: root + "/site.yaml")
        try write("""
            steering:
              name: Steering committee
              cadence: quarterly
            """, to: root + "/bodies.yaml")
    }

    func add(_ relative: String, _ text: String) throws {
        try write(text, to: root + "/" + relative)
    }

    func commitment(_ id: String = "T0001", extra: String = "") throws {
        try add("commitments/\(id)/index.md", """
            ---
            id: \(id)
            title: Test commitment
            start: 2025-01
            end: 2026-06
            institutions: [Ministry of Tests]
            \(extra)
            ---
            ## Problem

            Text.
            """)
    }

    func milestone(_ number: Int, status: String = "in-progress", end: String = "2025-12", extra: String = "",
                   commitment: String = "T0001") throws {
        try add("commitments/\(commitment)/milestones/\(number)-m.md", """
            ---
            number: \(number)
            title: Milestone \(number)
            start: 2025-01
            end: \(end)
            status: \(status)
            \(extra)
            ---
            """)
    }

    func load(asOf: String = "2026-01-15") -> (Site?, [Diagnostic]) {
        SiteLoader.load(content: root, options: LoadOptions(asOf: Day(iso: asOf)!))
    }
}
